// pg/csv.h — the user's own data as CSV: x1, x2, label.
//
//   x1,x2,label          <- header: optional (a first line whose x1 or x2
//   1.5,-2,1                field is not a number is taken as the header)
//   -0.25,3.75,-1
//
// One point per line, comma-separated, spaces around fields ignored, blank
// lines and lines starting with '#' skipped, CRLF accepted, a field may be
// "double-quoted" (then commas and spaces inside are kept, "" is one quote).
// The label depends on the problem:
//   classification  1 / +1 → +1, -1 or 0 → -1
//   regression      a number within ±kMaxCsvLabel
//   multiclass      class indices 0..K-1, or class names (sorted by name
//                   to give indices 0..K-1), K = 2..8
// Errors name the line and column: "line 7: column 3 'abc' is not a number".
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pg/data.h"

namespace pg {

// Bounds: files larger than this, or with more rows, are rejected; so are
// coordinates beyond ±kMaxCsvCoordinate (the plot shows [-6, 6]²) and
// regression labels beyond ±kMaxCsvLabel (their loss must stay finite).
inline constexpr size_t kMaxCsvBytes = 16u << 20;
inline constexpr int kMaxCsvRows = kMaxSamples;
inline constexpr double kMaxCsvCoordinate = 1e6;
inline constexpr double kMaxCsvLabel = 1e6;

struct CsvData {
    std::vector<Point> points;             // labels as in pg/data.h for `problem`
    Problem problem = Problem::kClassification;
    int num_classes = 2;                   // 2 (classification), 0 (regression), K (multiclass)
    std::vector<std::string> class_names;  // multiclass: name of class k (the index as text if numeric)
};

// Parses CSV text for `problem`. On success returns true and fills `out`;
// otherwise returns false, leaves `out` unspecified and sets `error` to a
// message naming the line (1-based) and column. Needs at least 1 point
// (one point is enough for a hand-worked example; see pg/lab.h).
bool parse_csv(std::string_view text, Problem problem, CsvData& out, std::string& error);

// Guesses the problem from the label column, for a file dropped without one:
// any label that is not a number → multiclass; only 1, -1 and 0 →
// classification; only whole numbers 0..7 with 3 or more distinct values →
// multiclass; anything else → regression. Unreadable lines are skipped here
// (parse_csv reports them).
Problem guess_csv_problem(std::string_view text);

// One "x1,x2,label" row by the rules above, e.g. a command line's example:
// multiclass labels are a class index 0..class_names.size()-1 or one of
// class_names. Errors name the column ("column 3 '5' is not a class label ...").
bool parse_csv_point(std::string_view row, Problem problem, std::span<const std::string> class_names,
                     Point& out, std::string& error);

// Reads and parses a regular file ("data.csv: cannot open file",
// "data.csv: is a directory", "data.csv: line 3: ...").
bool read_csv_file(const std::string& path, Problem problem, CsvData& out, std::string& error);

// Writes points as CSV with a header "x1,x2,label" (class names for
// multiclass when given, quoted when they need it). Numbers are written so
// that they read back exactly: parse_csv gives back the same points and classes.
std::string write_csv(std::span<const Point> points, Problem problem,
                      std::span<const std::string> class_names = {});

}  // namespace pg
