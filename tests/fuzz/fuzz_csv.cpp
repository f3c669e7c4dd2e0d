// Fuzzes CSV reading and writing (pg/csv.h). The first byte picks the problem
// (classification, regression, multiclass), the rest is the file. Whatever
// parse_csv accepts, write_csv must write so that parse_csv reads back the
// same points (equal values: -0 is written as 0), the same number of classes
// and the same names.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "pg/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const pg::Problem problem = data[0] % 3 == 0   ? pg::Problem::kClassification
                                : data[0] % 3 == 1 ? pg::Problem::kRegression
                                                   : pg::Problem::kMulticlass;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    (void)pg::guess_csv_problem(text);

    pg::CsvData first;
    std::string error;
    if (!pg::parse_csv(text, problem, first, error)) {
        FUZZ_CHECK(!error.empty() && error.find('\0') == std::string::npos, "bad error message");
        for (unsigned char c : error) FUZZ_CHECK(c >= 0x20 && c != 0x7f, "control character in: %s", error.c_str());
        return 0;
    }
    const std::string written = pg::write_csv(first.points, problem, first.class_names);
    pg::CsvData second;
    FUZZ_CHECK(pg::parse_csv(written, problem, second, error), "written CSV rejected: %s\n%s", error.c_str(),
               written.c_str());
    FUZZ_CHECK(second.points.size() == first.points.size(), "%zu points, then %zu", first.points.size(),
               second.points.size());
    for (size_t i = 0; i < first.points.size(); ++i) {
        const pg::Point &a = first.points[i], &b = second.points[i];
        FUZZ_CHECK(a.x1 == b.x1 && a.x2 == b.x2 && a.label == b.label, "point %zu differs after the round trip:\n%s",
                   i, written.c_str());
    }
    FUZZ_CHECK(second.num_classes == first.num_classes, "%d classes, then %d", first.num_classes,
               second.num_classes);
    FUZZ_CHECK(second.class_names == first.class_names, "class names differ:\n%s", written.c_str());
    FUZZ_CHECK(pg::write_csv(second.points, problem, second.class_names) == written, "written twice differently");
    return 0;
}
