// Model files: write → read round trip (bit-identical), hand-written files,
// and malformed files rejected with a message naming the field.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "pg/model_io.h"
#include "pg/network.h"

namespace {

std::string parse_error(const std::string& text) {
    pg::Model m;
    std::string error;
    CHECK_FALSE(pg::parse_model(text, m, error));
    return error;
}

}  // namespace

TEST_CASE("model file: write then read gives the same network, bit for bit") {
    pg::NetworkSpec spec = pg::NetworkSpec::make(3, {5, 4}, pg::Activation::ReLU, 3, pg::Activation::Linear,
                                                 pg::Loss::SoftmaxCrossEntropy);
    spec.layers[0].activation = pg::Activation::GELU;
    spec.layers[1].has_bias = false;
    pg::Network net;
    std::string error;
    REQUIRE(net.configure(spec, error));
    net.init(pg::Init::HeNormal, 99);
    net.params()[0] = 0.1f;      // shortest decimal
    net.params()[1] = 1e-30f;    // tiny
    net.params()[2] = -123456.7f;
    const pg::Model model = pg::model_from_network(net, {"x", "y", "sinX"});
    const std::string text = pg::model_to_json(model);
    CHECK(text.find("\"softmax_ce\"") != std::string::npos);
    CHECK(text.find("0.1,") != std::string::npos);

    pg::Model back;
    REQUIRE_MESSAGE(pg::parse_model(text, back, error), error);
    CHECK(back.inputs == model.inputs);
    CHECK(back.spec.inputs == 3);
    REQUIRE(back.spec.layers.size() == 3);
    CHECK(back.spec.layers[0].activation == pg::Activation::GELU);
    CHECK(back.spec.layers[1].has_bias == false);
    CHECK(back.spec.layers[2].units == 3);
    CHECK(back.spec.loss == pg::Loss::SoftmaxCrossEntropy);
    CHECK(back.params == model.params);

    pg::Network loaded;
    REQUIRE(pg::load_model(back, loaded, error));
    CHECK(std::vector<float>(loaded.params().begin(), loaded.params().end()) ==
          std::vector<float>(net.params().begin(), net.params().end()));

    SUBCASE("through a file") {
        const std::string path = "pg_test_model_roundtrip.json";
        REQUIRE(pg::write_model_file(path, model, error));
        pg::Model from_file;
        REQUIRE_MESSAGE(pg::read_model_file(path, from_file, error), error);
        CHECK(from_file.params == model.params);
        std::remove(path.c_str());
        CHECK_FALSE(pg::read_model_file("does/not/exist.json", from_file, error));
        CHECK(error.find("does/not/exist.json") != std::string::npos);
    }
}

TEST_CASE("model file: a hand-written file, [out][in] rows, null bias, softmax output") {
    const char* text = R"({
      "inputs": ["x", "y"],
      "layers": [
        {"activation": "tanh", "weights": [[1, 2], [3, 4], [5, 6]], "bias": [0.5, -0.5, 0]},
        {"activation": "softmax", "weights": [[1, 0, 0], [0, 1, 0]], "bias": null}
      ],
      "comment": "unknown keys are ignored"
    })";
    pg::Model m;
    std::string error;
    REQUIRE_MESSAGE(pg::parse_model(text, m, error), error);
    CHECK(m.spec.loss == pg::Loss::SoftmaxCrossEntropy);
    CHECK(m.spec.layers[1].activation == pg::Activation::Linear);
    CHECK(m.spec.layers[1].has_bias == false);
    pg::Network net;
    REQUIRE(pg::load_model(m, net, error));
    CHECK(net.weight(0, 1, 0) == 3.0f);  // row 1 = neuron 1, column 0 = input x
    CHECK(net.weight(0, 2, 1) == 6.0f);
    CHECK(net.bias(0, 0) == 0.5f);
    const float x[2] = {0.0f, 0.0f}, t[2] = {1, 0};
    const pg::Trace tr = net.inspect(x, t);
    CHECK(tr.layers[0].a[0] == doctest::Approx(std::tanh(0.5)).epsilon(1e-6));
}

TEST_CASE("model file: malformed files are rejected with a message naming the field") {
    auto layers = [](const std::string& l) { return R"({"inputs": ["x", "y"], "layers": [)" + l + "]}"; };
    const std::string good0 = R"({"activation": "tanh", "weights": [[1, 2], [3, 4], [5, 6]], "bias": [0, 0, 0]})";
    struct Bad {
        std::string text, expected;
    };
    const Bad cases[] = {
        {"", "invalid JSON"},
        {"{\"inputs\": [\"x\"], ", "invalid JSON"},
        {"[1, 2]", "expected a JSON object"},
        {R"({"layers": []})", "inputs: missing"},
        {R"({"inputs": ["x", "q"], "layers": []})", "inputs[1]: unknown feature \"q\""},
        {R"({"inputs": ["x", "x"], "layers": []})", "inputs[1]: feature \"x\" appears twice"},
        {R"({"inputs": [1], "layers": []})", "inputs[0]: expected a feature name"},
        {R"({"inputs": ["x"]})", "layers: missing"},
        {R"({"inputs": ["x"], "layers": {}})", "layers: expected a non-empty array"},
        {layers(R"({"weights": [[1, 2]]})"), "layers[0].activation: missing"},
        {layers(R"({"activation": "swish", "weights": [[1, 2]]})"), "layers[0].activation: unknown activation \"swish\""},
        {layers(R"({"activation": "tanh"})"), "layers[0].weights: missing"},
        {layers(R"({"activation": "tanh", "weights": []})"), "layers[0].weights: expected an array of rows"},
        {layers(good0 + R"(, {"activation": "tanh", "weights": [[1, 2, 3], [1, 2, 3], [1, 2]]})"),
         "layers[1].weights[2]: expected 3 numbers, got 2"},
        {layers(R"({"activation": "tanh", "weights": [[1, "a"]]})"), "layers[0].weights[0][1]: expected a finite number"},
        {layers(R"({"activation": "tanh", "weights": [[1, 1e300]]})"), "layers[0].weights[0][1]: expected a finite number"},
        {layers(R"({"activation": "tanh", "weights": [3]})"), "layers[0].weights[0]: expected an array of numbers"},
        {layers(R"({"activation": "tanh", "weights": [[1, 2]], "bias": [1, 2]})"), "layers[0].bias: expected 1 numbers, got 2"},
        {layers(R"({"activation": "tanh", "weights": [[1, 2]], "bias": "none"})"), "layers[0].bias: expected an array"},
        {layers(R"({"activation": "softmax", "weights": [[1, 2], [3, 4]]}, {"activation": "tanh", "weights": [[1, 2]]})"),
         "layers[0].activation: unknown activation \"softmax\""},
        {R"({"inputs": ["x", "y"], "loss": "mae", "layers": [{"activation": "tanh", "weights": [[1, 2]]}]})",
         "loss: unknown loss \"mae\""},
        {R"({"inputs": ["x", "y"], "loss": "bce", "layers": [{"activation": "tanh", "weights": [[1, 2]]}]})",
         "layers[0].activation: loss bce needs a sigmoid output layer"},
    };
    for (const Bad& bad : cases) {
        CAPTURE(bad.text);
        const std::string error = parse_error(bad.text);
        CAPTURE(error);
        CHECK(error.find(bad.expected) != std::string::npos);
    }
}

TEST_CASE("model file: another format or a later version is refused, not read as this one") {
    const std::string body = R"("inputs": ["x"], "layers": [{"activation": "tanh", "weights": [[1]], "bias": [0]}]})";
    pg::Model m;
    std::string error;
    CHECK(pg::parse_model("{" + body, m, error));  // both optional
    CHECK(pg::parse_model(R"({"format": "playground-model", "version": 1, )" + body, m, error));
    CHECK(parse_error(R"({"version": 99, )" + body) ==
          "version: this playground reads version 1 model files, got 99");
    CHECK(parse_error(R"({"version": "1", )" + body) == "version: this playground reads version 1 model files, got string");
    CHECK(parse_error(R"({"format": "keras", )" + body) == "format: expected \"playground-model\", got \"keras\"");
}
