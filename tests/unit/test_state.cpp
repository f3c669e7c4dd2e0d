// pg/state.h: the reference's URL format, our extension keys, round trips,
// and malformed input of every kind reported (never fatal).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "pg/locks.h"
#include "pg/state.h"

namespace {

// The example link of PLAYGROUND_REFERENCE.md, as the reference writes it.
constexpr std::string_view kReferenceLink =
    "activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03"
    "&regularizationRate=0&noise=0&networkShape=4,2&seed=0.59704&showTestData=false"
    "&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false"
    "&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false"
    "&problem=classification&initZero=false&hideText=false";

const pg::StateIssue* find_issue(const pg::StateParse& p, std::string_view key) {
    auto it = std::find_if(p.issues.begin(), p.issues.end(),
                           [&](const pg::StateIssue& i) { return i.key == key; });
    return it == p.issues.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("the reference's default link is the default State and serialises back unchanged") {
    const pg::StateParse p = pg::parse_state(std::string("#") + std::string(kReferenceLink));
    CHECK(p.issues.empty());
    CHECK(p.state == pg::State{});
    CHECK(pg::serialize_state(pg::State{}) == kReferenceLink);
    // With or without '#', or as a whole URL.
    CHECK(pg::parse_state(kReferenceLink).state == pg::State{});
    CHECK(pg::parse_state("https://example.org/index.html#" + std::string(kReferenceLink)).state ==
          pg::State{});
    CHECK(pg::parse_state("").state == pg::State{});
    CHECK(pg::parse_state("#").issues.empty());
}

TEST_CASE("a real Playground link with every reference key gives the same setup") {
    const pg::StateParse p = pg::parse_state(
        "#activation=relu&regularization=L2&batchSize=3&dataset=spiral&regDataset=reg-gauss"
        "&learningRate=0.001&regularizationRate=0.003&noise=35&networkShape=8,8,5&seed=0.12345"
        "&showTestData=true&discretize=true&percTrainData=70&x=false&y=true&xTimesY=true"
        "&xSquared=true&ySquared=false&cosX=true&sinX=true&cosY=false&sinY=true&collectStats=true"
        "&tutorial=dp-reducing-overfitting&problem=regression&initZero=true&hideText=true"
        "&playButton_hide=true&learningRate_hide=true&numHiddenLayers_hide=true&x_hide=true");
    CHECK(p.issues.empty());
    const pg::State& s = p.state;
    CHECK(s.activation == pg::Activation::ReLU);
    CHECK(s.regularization == pg::Regularization::L2);
    CHECK(s.batch_size == 3);
    CHECK(s.dataset == pg::DatasetKind::kSpiral);
    CHECK(s.reg_dataset == pg::DatasetKind::kRegGauss);
    CHECK(s.learning_rate == 0.001);
    CHECK(s.regularization_rate == 0.003);
    CHECK(s.noise == 35);
    CHECK(s.network_shape == std::vector<int>{8, 8, 5});
    CHECK(s.seed == "0.12345");
    CHECK(s.show_test_data);
    CHECK(s.discretize);
    CHECK(s.perc_train_data == 70);
    CHECK_FALSE(s.feature(pg::Feature::kX));
    CHECK(s.feature(pg::Feature::kY));
    CHECK(s.feature(pg::Feature::kXTimesY));
    CHECK(s.feature(pg::Feature::kXSquared));
    CHECK_FALSE(s.feature(pg::Feature::kYSquared));
    CHECK(s.feature(pg::Feature::kCosX));
    CHECK(s.feature(pg::Feature::kSinX));
    CHECK_FALSE(s.feature(pg::Feature::kCosY));
    CHECK(s.feature(pg::Feature::kSinY));
    CHECK(s.collect_stats);
    CHECK(s.tutorial == "dp-reducing-overfitting");
    CHECK(s.problem == pg::Problem::kRegression);
    CHECK(s.init_zero);
    CHECK(s.hide_text);
    CHECK(s.hidden(pg::Control::kPlayButton));
    CHECK(s.hidden(pg::Control::kLearningRate));
    CHECK(s.hidden(pg::Control::kNumHiddenLayers));
    CHECK_FALSE(s.hidden(pg::Control::kStepButton));
    CHECK(s.hidden(pg::Feature::kX));
    CHECK_FALSE(s.hidden(pg::Feature::kY));
    // Derived settings.
    CHECK(pg::active_dataset(s) == pg::DatasetKind::kRegGauss);
    CHECK(pg::effective_loss(s) == pg::Loss::HalfSquared);
    CHECK(pg::effective_output_activation(s) == pg::Activation::Linear);
    CHECK(pg::effective_init(s) == pg::Init::Zeros);
    CHECK(pg::active_features(s).size() == 6);
    CHECK(pg::data_spec(s).noise == 0.35);
    // Round trip.
    CHECK(pg::parse_state(pg::serialize_state(s)).state == s);
    CHECK(pg::parse_state(pg::serialize_state(s)).issues.empty());
}

TEST_CASE("extension keys") {
    const pg::StateParse p = pg::parse_state(
        "problem=multiclass&dataset=blobs&numClasses=4&numSamples=800&momentum=0.9&nesterov=true"
        "&loss=softmax_ce&networkShape=16,8,8&activations=relu,gelu&initializer=he"
        "&learningRate=0.00001&momentum_hide=true&sinY_hide=true");
    CHECK(p.issues.empty());
    const pg::State& s = p.state;
    CHECK(s.problem == pg::Problem::kMulticlass);
    CHECK(s.mc_dataset == pg::DatasetKind::kBlobs);
    CHECK(s.dataset == pg::DatasetKind::kCircle);  // the alias leaves the classification set alone
    CHECK(s.num_classes == 4);
    CHECK(s.num_samples == 800);
    CHECK(s.momentum == 0.9);
    CHECK(s.nesterov);
    CHECK(s.loss == pg::Loss::SoftmaxCrossEntropy);
    CHECK(s.initializer == pg::Init::HeNormal);
    CHECK(s.hidden(pg::Control::kMomentum));
    CHECK(s.hidden(pg::Feature::kSinY));
    CHECK(pg::hidden_activation(s, 0) == pg::Activation::ReLU);
    CHECK(pg::hidden_activation(s, 1) == pg::Activation::GELU);
    CHECK(pg::hidden_activation(s, 2) == pg::Activation::Tanh);  // falls back to `activation`
    CHECK(pg::output_units(s) == 4);

    const pg::NetworkSpec spec = pg::network_spec(s, 2);
    REQUIRE(spec.layers.size() == 4);
    CHECK(spec.layers[0].units == 16);
    CHECK(spec.layers[1].activation == pg::Activation::GELU);
    CHECK(spec.layers[3].units == 4);
    CHECK(spec.layers[3].activation == pg::Activation::Linear);
    CHECK(spec.loss == pg::Loss::SoftmaxCrossEntropy);

    const pg::HyperParams h = pg::hyper_params(s);
    CHECK(h.momentum == 0.9f);
    CHECK(h.nesterov);
    CHECK(h.learning_rate == 0.00001f);

    const std::string text = pg::serialize_state(s);
    CHECK(text.find("learningRate=0.00001&") != std::string::npos);  // written as the reference does
    CHECK(text.find("mcDataset=blobs") == std::string::npos);         // the default is not written
    CHECK(text.find("activations=relu,gelu") != std::string::npos);
    CHECK(pg::parse_state(text).state == s);

    SUBCASE("defaults by problem") {
        pg::State m;
        m.problem = pg::Problem::kMulticlass;
        CHECK(pg::effective_loss(m) == pg::Loss::SoftmaxCrossEntropy);
        m.loss = pg::Loss::BinaryCrossEntropy;
        CHECK(pg::effective_output_activation(m) == pg::Activation::Sigmoid);
        pg::State c;
        c.loss = pg::Loss::SoftmaxCrossEntropy;
        CHECK(pg::output_units(c) == 2);
        c.loss = pg::Loss::HalfSquared;
        c.output_activation = pg::Activation::Linear;
        CHECK(pg::effective_output_activation(c) == pg::Activation::Linear);
        CHECK(pg::network_spec(pg::State{}, 2).layers.back().activation == pg::Activation::Tanh);
    }
}

TEST_CASE("round trip of many settings") {
    pg::State s;
    s.network_shape = {};
    s.learning_rate = 0.1 + 0.2;  // not a short decimal
    s.regularization_rate = 3;
    s.regularization = pg::Regularization::L1;
    s.momentum = 0.5;
    s.seed = "my seed & more=#%";
    s.tutorial = "x y";
    s.output_activation = pg::Activation::Sigmoid;
    s.features = {false, false, false, false, false, false, false, false, false};
    s.control_hidden[size_t(pg::Control::kSpeed)] = true;
    s.feature_hidden[size_t(pg::Feature::kCosY)] = true;
    s.num_classes = 7;
    s.mc_dataset = pg::DatasetKind::kSpiral3;
    const std::string text = pg::serialize_state(s);
    CHECK(text.find("networkShape=&") != std::string::npos);
    const pg::StateParse p = pg::parse_state(text);
    CHECK(p.issues.empty());
    CHECK(p.state == s);
    CHECK(pg::serialize_state(p.state) == text);
    CHECK(pg::network_spec(s, 1).layers.size() == 1);
}

TEST_CASE("malformed state strings are reported, never fatal") {
    SUBCASE("unknown keys") {
        const pg::StateParse p = pg::parse_state("foo=1&learningRate=0.1&bar_hide=true&=3");
        CHECK(p.state.learning_rate == 0.1);
        REQUIRE(p.issues.size() == 3);
        CHECK(p.issues[0].kind == pg::StateIssue::Kind::kUnknownKey);
        CHECK(p.issues[0].message == "foo: unknown key; ignored");
        CHECK(p.issues[1].message == "bar_hide: unknown key; ignored");
        CHECK(p.issues[2].key == "(empty)");
        CHECK_FALSE(p.has_bad_values());
    }
    SUBCASE("bad values keep the default and name the key") {
        const pg::StateParse p = pg::parse_state(
            "learningRate=abc&activation=swish&batchSize=2.5&networkShape=4,x&dataset=moons"
            "&regDataset=circle&problem=ranking&x=maybe&loss=hinge&initializer=xavier&seed="
            "&activations=relu,bogus&noise=&numClasses=three&percTrainData=1e999&momentum=nan"
            "&regularization=L3&mcDataset=xor&outputActivation=heaviside&showTestData");
        CHECK(p.has_bad_values());
        CHECK(p.state == pg::State{});
        CHECK(find_issue(p, "learningRate")->message == "learningRate: 'abc' is not a number; kept 0.03");
        CHECK(find_issue(p, "activation")->message ==
              "activation: 'swish' is not one of linear, sigmoid, tanh, relu, leakyrelu, gelu, softplus, gelu_tanh, "
              "step, sign; kept tanh");
        CHECK(find_issue(p, "batchSize")->message == "batchSize: '2.5' is not a whole number; kept 10");
        CHECK(find_issue(p, "networkShape")->message ==
              "networkShape: '4,x' is not a comma-separated list of layer widths; kept '4,2'");
        CHECK(find_issue(p, "dataset")->message ==
              "dataset: 'moons' is not one of circle, xor, gauss, spiral, blobs, spiral3; kept circle");
        CHECK(find_issue(p, "regDataset") != nullptr);
        CHECK(find_issue(p, "problem") != nullptr);
        CHECK(find_issue(p, "x")->message == "x: 'maybe' is not true or false; kept true");
        CHECK(find_issue(p, "loss")->message ==
              "loss: 'hinge' is not one of mse, bce, softmax_ce; kept the problem's default");
        CHECK(find_issue(p, "initializer") != nullptr);
        CHECK(find_issue(p, "seed")->message == "seed: '' is empty; kept 0.59704");
        CHECK(find_issue(p, "activations")->message.find("has 'bogus'") != std::string::npos);
        CHECK(find_issue(p, "noise")->message == "noise: '' is not a whole number; kept 0");
        CHECK(find_issue(p, "numClasses") != nullptr);
        CHECK(find_issue(p, "percTrainData") != nullptr);
        CHECK(find_issue(p, "momentum") != nullptr);
        CHECK(find_issue(p, "regularization") != nullptr);
        CHECK(find_issue(p, "mcDataset") != nullptr);
        CHECK(find_issue(p, "outputActivation") != nullptr);
        CHECK(find_issue(p, "showTestData")->message == "showTestData: has no '=value'; ignored");
        for (const auto& issue : p.issues) CHECK(issue.kind == pg::StateIssue::Kind::kBadValue);
    }
    SUBCASE("out-of-range values are clamped with a warning") {
        const pg::StateParse p = pg::parse_state(
            "learningRate=-1&batchSize=5000&noise=80&percTrainData=150&networkShape=4,1000,0"
            "&momentum=1.5&numSamples=2&numClasses=12&regularizationRate=1e9");
        CHECK_FALSE(p.has_bad_values());
        const pg::State& s = p.state;
        CHECK(s.learning_rate == 0);
        CHECK(s.batch_size == pg::kMaxBatchSize);
        CHECK(s.noise == 50);
        CHECK(s.perc_train_data == 100);
        CHECK(s.network_shape == std::vector<int>{4, 256, 1});
        CHECK(s.momentum == 0.99);
        CHECK(s.num_samples == pg::kMinSamples);
        CHECK(s.num_classes == 8);
        CHECK(s.regularization_rate == 100);
        CHECK(find_issue(p, "noise")->message == "noise: 80 is out of range 0..50; using 50");
        CHECK(find_issue(p, "networkShape")->message ==
              "networkShape: layer width 1000 is out of range 1..256; using 256");
        for (const auto& issue : p.issues) CHECK(issue.kind == pg::StateIssue::Kind::kClamped);
    }
    SUBCASE("too many layers, too many activations, loss that does not fit") {
        const pg::StateParse p = pg::parse_state(
            "networkShape=1,1,1,1,1,1,1,1,1,1,1,1,1,1&activations=relu,relu,relu,relu,relu,relu,relu,"
            "relu,relu,relu,relu,relu,relu,relu&problem=regression&loss=bce&outputActivation=tanh");
        CHECK(p.state.network_shape.size() == 12);
        CHECK(p.state.activations.size() == 12);
        CHECK(find_issue(p, "networkShape") != nullptr);
        CHECK(find_issue(p, "activations") != nullptr);
        CHECK(find_issue(p, "loss")->message == "loss: bce does not fit regression; using mse");
        CHECK(pg::effective_loss(p.state) == pg::Loss::HalfSquared);
        CHECK(find_issue(p, "outputActivation") == nullptr);  // mse: it applies
        CHECK(pg::effective_output_activation(p.state) == pg::Activation::Tanh);
    }
    SUBCASE("garbage") {
        for (std::string_view junk : {"&&&", "====", "%%%", "#&=&", "a=b=c", "\x01\x02\xff=\xfe",
                                      "learningRate=%ZZ", "networkShape=,,,"}) {
            const pg::StateParse p = pg::parse_state(junk);
            CHECK(pg::parse_state(pg::serialize_state(p.state)).state == p.state);
        }
        CHECK(pg::parse_state("seed=" + std::string(100, 'x')).state.seed == "0.59704");
        CHECK(pg::parse_state("seed=a%20b").state.seed == "a b");
    }
}

TEST_CASE("seed text and controls") {
    const std::string a = pg::make_seed_text(1), b = pg::make_seed_text(2);
    CHECK(a.size() == 7);
    CHECK(a.rfind("0.", 0) == 0);
    CHECK(a != b);
    CHECK(pg::make_seed_text(1) == a);
    for (int i = 0; i < pg::kNumControls; ++i)
        CHECK(pg::parse_control(pg::control_name(pg::Control(i))) == pg::Control(i));
}

TEST_CASE("inspect key, percTrainData up to 100 and the list of keys given") {
    const pg::StateParse p = pg::parse_state("#loss=softmax_ce&foo=1&inspect=true&percTrainData=100&inspect_hide=true&loss=mse");
    CHECK(p.state.inspect);
    CHECK(p.state.perc_train_data == 100);
    CHECK(p.state.hidden(pg::Control::kInspect));
    CHECK(p.keys == std::vector<std::string>{"loss", "foo", "inspect", "percTrainData", "inspect_hide"});
    CHECK(p.has_key("loss"));
    CHECK_FALSE(p.has_key("networkShape"));
    const std::string text = pg::serialize_state(p.state);
    CHECK(text.find("inspect=true") != std::string::npos);
    CHECK(text.find("inspect_hide=true") != std::string::npos);
    CHECK(pg::parse_state(text).state == p.state);
    // Default false: not written, so reference links serialise as before.
    CHECK(pg::serialize_state(pg::State{}).find("inspect") == std::string::npos);
    CHECK(pg::parse_state("").keys.empty());
}

TEST_CASE("lesson locks: every button that changes data or weights has a hide key") {
    const pg::StateParse p = pg::parse_state("regenerate_hide=true&csv_hide=true&editWeights_hide=true");
    CHECK(p.issues.empty());
    CHECK(p.state.hidden(pg::Control::kRegenerate));
    CHECK(p.state.hidden(pg::Control::kCsv));
    CHECK(p.state.hidden(pg::Control::kEditWeights));
    CHECK(pg::parse_state(pg::serialize_state(p.state)).state == p.state);
}

TEST_CASE("seed=NaN and seeds with control characters are refused with a notice") {
    for (const char* bad : {"seed=NaN", "seed=nan", "seed=-Infinity", "seed=inf", "seed=a%00b", "seed=%1B[2J"}) {
        CAPTURE(bad);
        const pg::StateParse p = pg::parse_state(bad);
        CHECK(p.state.seed == pg::State{}.seed);
        REQUIRE(p.issues.size() == 1);
        CHECK(p.issues[0].key == "seed");
        CHECK(p.has_bad_values());
    }
    CHECK(pg::parse_state("seed=nanny").state.seed == "nanny");
    CHECK(pg::parse_state("seed=0.12345").state.seed == "0.12345");
}

TEST_CASE("a notice quotes at most 40 characters of what the user typed") {
    const std::string huge(200000, '9');
    for (const std::string& text : {"networkShape=" + huge, "learningRate=x" + huge, "k" + huge + "=1",
                                    "networkShape=4," + huge}) {
        const pg::StateParse p = pg::parse_state(text);
        REQUIRE_FALSE(p.issues.empty());
        for (const pg::StateIssue& issue : p.issues) {
            CHECK(issue.message.size() < 200);
            CHECK(issue.message.find("200") != std::string::npos);  // the length is named instead
        }
    }
}

TEST_CASE("theme key: auto by default and not written; light, dark, contrast round-trip; a bad name is refused") {
    CHECK(pg::State{}.theme == pg::Theme::kAuto);
    CHECK(pg::serialize_state(pg::State{}).find("theme") == std::string::npos);
    for (int i = 0; i < pg::kNumThemes; ++i) {
        const pg::Theme t = pg::Theme(i);
        CHECK(pg::parse_theme(pg::theme_name(t)) == t);
        const pg::StateParse p = pg::parse_state("#dataset=xor&theme=" + std::string(pg::theme_name(t)));
        CHECK(p.issues.empty());
        CHECK(p.state.theme == t);
        const std::string text = pg::serialize_state(p.state);
        // Written only when not auto, after the reference's keys.
        CHECK((text.find("theme=") != std::string::npos) == (t != pg::Theme::kAuto));
        CHECK(pg::parse_state(text).state == p.state);
    }
    CHECK(pg::serialize_state(pg::parse_state("theme=dark").state).find("&theme=dark") != std::string::npos);
    SUBCASE("an unknown theme keeps the current one and says which names there are") {
        const pg::StateParse p = pg::parse_state("theme=dark&theme=Purple");
        CHECK(p.state.theme == pg::Theme::kDark);
        REQUIRE(p.issues.size() == 1);
        CHECK(p.issues[0].kind == pg::StateIssue::Kind::kBadValue);
        CHECK(p.issues[0].message == "theme: 'Purple' is not one of auto, light, dark, contrast; kept dark");
        CHECK_FALSE(pg::parse_theme("Dark"));  // names are case-sensitive, as every other key's
        CHECK_FALSE(pg::parse_theme(""));
    }
    SUBCASE("theme_hide hides the menu; theme can be locked") {
        const pg::StateParse p = pg::parse_state("theme_hide=true");
        CHECK(p.issues.empty());
        CHECK(p.state.hidden(pg::Control::kTheme));
        CHECK(pg::control_name(pg::Control::kTheme) == "theme");
        CHECK(pg::serialize_state(p.state).find("theme_hide=true") != std::string::npos);
        const std::vector<std::string> keys = pg::lockable_keys();
        CHECK(std::find(keys.begin(), keys.end(), "theme") != keys.end());
    }
}
