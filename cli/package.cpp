// `playground-cli package` (see package.h).
#include "package.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#ifdef PG_HAVE_LIBZIP
#include <zip.h>
#endif

namespace pgcli {
namespace {

bool read_text(const std::string& path, std::string& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": cannot open file";
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

bool write_text(const std::string& path, const std::string& text, std::string& error) {
    std::ofstream out(path, std::ios::binary);
    if (!out || !out.write(text.data(), std::streamsize(text.size()))) {
        error = path + ": cannot write file";
        return false;
    }
    return true;
}

// The one-file page: --page, $PG_SINGLE_HTML, or the wasm build's beside the
// working folder or beside this program (build/cli/ → build-wasm/site/).
std::string find_page(const std::string& given, const char* argv0) {
    if (!given.empty()) return given;
    if (const char* env = std::getenv("PG_SINGLE_HTML")) return env;
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates = {"build-wasm/site/playground-single.html"};
    std::error_code ec;
    const fs::path exe = fs::weakly_canonical(fs::path(argv0), ec);
    if (!ec) candidates.push_back(exe.parent_path().parent_path().parent_path() / "build-wasm/site/playground-single.html");
    for (const fs::path& p : candidates)
        if (fs::exists(p, ec)) return p.string();
    return {};
}

constexpr const char* kUsageLine =
    "package LESSON.json (--scorm 1.2|2004 | --html) -o OUT [--page playground-single.html]";

int usage(const std::string& message) {
    std::fprintf(stderr, "playground-cli: %s\n  usage: playground-cli %s\n", message.c_str(), kUsageLine);
    return 1;
}

}  // namespace

bool write_scorm_zip(const std::string& path, const std::string& manifest, const std::string& page,
                     std::string& error) {
#ifdef PG_HAVE_LIBZIP
    int code = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!z) {
        zip_error_t e;
        zip_error_init_with_code(&e, code);
        error = path + ": " + zip_error_strerror(&e);
        zip_error_fini(&e);
        return false;
    }
    // libzip reads the buffers at zip_close: both strings outlive it.
    for (const auto& [name, text] : {std::pair<const char*, const std::string*>{"imsmanifest.xml", &manifest},
                                     {pg::kScormPageName, &page}}) {
        zip_source_t* src = zip_source_buffer(z, text->data(), text->size(), 0);
        if (!src || zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) < 0) {
            if (src) zip_source_free(src);
            error = path + ": " + zip_strerror(z);
            zip_discard(z);
            return false;
        }
    }
    if (zip_close(z) < 0) {
        error = path + ": " + zip_strerror(z);
        zip_discard(z);
        return false;
    }
    return true;
#else
    (void)path, (void)manifest, (void)page;
    error = "this build has no zip library (libzip): only --html can be written";
    return false;
#endif
}

int cmd_package(int argc, char** argv) {
    std::string lesson_path, version, out, page_path;
    bool html = false;
    for (int i = 2; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto value = [&](std::string& into) {
            if (i + 1 >= argc) return false;
            into = argv[++i];
            return true;
        };
        if (a == "--scorm") {
            if (!value(version)) return usage("--scorm needs 1.2 or 2004");
            if (version != "1.2" && version != "2004") return usage("--scorm: '" + version + "' is not 1.2 or 2004");
        } else if (a == "--html") {
            html = true;
        } else if (a == "-o" || a == "--output") {
            if (!value(out)) return usage("-o needs a file name");
        } else if (a == "--page") {
            if (!value(page_path)) return usage("--page needs the one-file page (playground-single.html)");
        } else if (a.rfind("-", 0) == 0) {
            return usage("unknown option '" + std::string(a) + "'");
        } else if (lesson_path.empty()) {
            lesson_path = a;
        } else {
            return usage("one lesson file at a time");
        }
    }
    if (lesson_path.empty()) return usage("package needs a lesson file");
    if (html == !version.empty()) return usage("give one of --scorm 1.2|2004 and --html");
    if (out.empty()) return usage("-o OUT is needed");

    std::string text, error;
    if (!read_text(lesson_path, text, error)) return std::fprintf(stderr, "playground-cli: %s\n", error.c_str()), 2;
    pg::Lesson lesson;
    if (!pg::parse_lesson(text, lesson, error)) {
        std::fprintf(stderr, "playground-cli: %s: %s\n", lesson_path.c_str(), error.c_str());
        return 2;
    }
    const std::string page_file = find_page(page_path, argv[0]);
    if (page_file.empty())
        return std::fprintf(stderr, "playground-cli: no one-file page found: build the site (scripts/build.sh wasm) "
                                    "or give --page build-wasm/site/playground-single.html\n"),
               2;
    std::string page;
    if (!read_text(page_file, page, error)) return std::fprintf(stderr, "playground-cli: %s\n", error.c_str()), 2;
    // The lesson as the engine writes it (checked, normalised, one form).
    const std::string with = pg::lesson_page(page, lesson, pg::lesson_to_json(lesson), error);
    if (with.empty()) return std::fprintf(stderr, "playground-cli: %s: %s\n", page_file.c_str(), error.c_str()), 2;
    const bool ok = html ? write_text(out, with, error)
                         : write_scorm_zip(out, pg::scorm_manifest(lesson, version), with, error);
    if (!ok) return std::fprintf(stderr, "playground-cli: %s\n", error.c_str()), 2;
    std::printf("{\"lesson\":\"%s\",\"written\":\"%s\",\"format\":\"%s\",\"bytes\":%zu}\n", lesson.id.c_str(),
                out.c_str(), html ? "html" : ("scorm-" + version).c_str(),
                size_t(std::filesystem::file_size(out)));
    return 0;
}

}  // namespace pgcli
