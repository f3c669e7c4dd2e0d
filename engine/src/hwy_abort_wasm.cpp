// hwy::Abort for the WebAssembly build. Natively it comes from libhwy; Debian's
// libhwy is x86-only, so under Emscripten the header-only Highway ops we use
// need this one definition (Highway calls it on a failed HWY_ASSERT).
#ifdef __EMSCRIPTEN__
#include <cstdarg>
#include <cstdio>
#include <cstdlib>

#include <hwy/base.h>

namespace hwy {

HWY_NORETURN void HWY_FORMAT(3, 4) Abort(const char* file, int line, const char* format, ...) {
    char message[1024];
    va_list args;
    va_start(args, format);
    std::vsnprintf(message, sizeof(message), format, args);
    va_end(args);
    std::fprintf(stderr, "Abort at %s:%d: %s\n", file, line, message);
    std::abort();
}

}  // namespace hwy
#endif  // __EMSCRIPTEN__
