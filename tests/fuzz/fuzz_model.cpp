// Fuzzes model files (pg/model_io.h): parse, load into a Network, run one
// example through it, write it back and read that again: the same spec and
// bit-identical parameters.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "pg/model_io.h"

namespace {

bool same_spec(const pg::NetworkSpec& a, const pg::NetworkSpec& b) {
    if (a.inputs != b.inputs || a.loss != b.loss || a.layers.size() != b.layers.size()) return false;
    for (size_t l = 0; l < a.layers.size(); ++l)
        if (a.layers[l].units != b.layers[l].units || a.layers[l].activation != b.layers[l].activation ||
            a.layers[l].has_bias != b.layers[l].has_bias)
            return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    pg::Model model;
    std::string error;
    if (!pg::parse_model(text, model, error)) {
        FUZZ_CHECK(!error.empty(), "empty error message");
        for (unsigned char c : error) FUZZ_CHECK(c >= 0x20 && c != 0x7f, "control character in: %s", error.c_str());
        return 0;
    }
    pg::Network net;
    FUZZ_CHECK(pg::load_model(model, net, error), "parsed model does not load: %s", error.c_str());
    std::vector<float> x(size_t(net.inputs()), 0.5f), out(size_t(net.outputs()));
    net.forward(x.data(), 1, out.data());

    const std::string json = pg::model_to_json(pg::model_from_network(net, model.inputs));
    pg::Model again;
    FUZZ_CHECK(pg::parse_model(json, again, error), "written model rejected: %s\n%s", error.c_str(), json.c_str());
    FUZZ_CHECK(again.inputs == model.inputs, "inputs differ");
    FUZZ_CHECK(same_spec(again.spec, model.spec), "spec differs:\n%s", json.c_str());
    FUZZ_CHECK(again.params.size() == model.params.size() &&
                   std::memcmp(again.params.data(), model.params.data(), model.params.size() * sizeof(float)) == 0,
               "parameters differ after the round trip:\n%s", json.c_str());
    return 0;
}
