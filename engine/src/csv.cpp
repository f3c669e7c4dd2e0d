// CSV data (see pg/csv.h).
#include "pg/csv.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>

#include "text.h"

namespace pg {
namespace {

std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view p : parts) out += p;
    return out;
}

// "line 7: " (no prefix for line 0: a single row given outside a file).
std::string line_prefix(size_t line) {
    return line == 0 ? std::string() : cat({"line ", std::to_string(line), ": "});
}

// Field text as shown in a message: cut long fields, control characters escaped.
std::string shown(std::string_view field) {
    constexpr size_t kMaxShown = 40;
    if (field.size() <= kMaxShown) return text::escape(field);
    return cat({text::escape(field.substr(0, kMaxShown)), "..."});
}

// One line split at commas outside double quotes into `fields`. A field is
// trimmed; if it then starts with a quote, it runs to the closing quote (""
// inside is one quote; commas and spaces inside are kept). Returns 0, the
// 1-based column of an unterminated quote, or minus the column of a quoted
// field with text after its closing quote.
int split_fields(std::string_view line, std::vector<std::string>& fields) {
    fields.clear();
    size_t i = 0;
    while (true) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i < line.size() && line[i] == '"') {
            std::string& field = fields.emplace_back();
            ++i;
            while (true) {
                const size_t q = line.find('"', i);
                if (q == std::string_view::npos) return int(fields.size());
                field.append(line.substr(i, q - i));
                if (q + 1 < line.size() && line[q + 1] == '"') {  // "" → "
                    field += '"';
                    i = q + 2;
                    continue;
                }
                i = q + 1;
                break;
            }
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
            if (i < line.size() && line[i] != ',') return -int(fields.size());
        } else {
            const size_t comma = std::min(line.find(',', i), line.size());
            fields.emplace_back(text::trim(line.substr(i, comma - i)));
            i = comma;
        }
        if (i >= line.size()) return 0;
        ++i;  // the comma
    }
}

// A label field as written: quoted when reading it back would change it
// (empty, spaces or tabs at the ends, a comma or a quote, a control character).
void append_label(std::string& out, std::string_view name) {
    const bool plain = !name.empty() && text::trim(name) == name && name.front() != '"' &&
                       name.find_first_of(",\"\n\r") == std::string_view::npos;
    if (plain) {
        out += name;
        return;
    }
    out += '"';
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

// A number field, or an error naming line and column.
bool read_coordinate(std::string_view field, size_t line, int column, double& out, std::string& error) {
    const std::optional<double> v = text::parse_number(field);
    if (!v) {
        const bool looks_special = !field.empty() && (field.find_first_of("nNiI") != std::string_view::npos);
        error = cat({line_prefix(line), "column ", std::to_string(column), " '", shown(field), "' ",
                     looks_special ? "is not a finite number" : "is not a number"});
        return false;
    }
    if (std::fabs(*v) > kMaxCsvCoordinate) {
        error = cat({line_prefix(line), "column ", std::to_string(column), " '", shown(field),
                     "' is out of range (|x| <= 1e6)"});
        return false;
    }
    out = *v;
    return true;
}

// A classification or regression label (column 3): classification 1 / +1 → +1,
// -1 / 0 → -1; regression a number within ±kMaxCsvLabel.
bool read_label(std::string_view label, Problem problem, size_t line, double& out, std::string& error) {
    if (label.empty()) {
        error = cat({line_prefix(line), "column 3 (label) is empty"});
        return false;
    }
    const std::optional<double> v = text::parse_number(label);
    if (!v) {
        error = cat({line_prefix(line), "column 3 '", shown(label), "' is not a number",
                     problem == Problem::kClassification
                         ? " (classification labels are 1, -1 or 0; use problem=multiclass for class names)"
                         : ""});
        return false;
    }
    if (problem == Problem::kClassification) {
        if (*v != 1 && *v != -1 && *v != 0) {
            error = cat({line_prefix(line), "column 3 '", shown(label),
                         "' is not a class label (classification expects 1, -1 or 0)"});
            return false;
        }
        out = *v > 0 ? 1.0 : -1.0;
        return true;
    }
    if (std::fabs(*v) > kMaxCsvLabel) {
        error = cat({line_prefix(line), "column 3 '", shown(label), "' is out of range (|label| <= 1e6)"});
        return false;
    }
    out = *v;
    return true;
}

}  // namespace

bool parse_csv(std::string_view text, Problem problem, CsvData& out, std::string& error) {
    out = CsvData{};
    out.problem = problem;
    out.num_classes = problem == Problem::kClassification ? 2 : 0;
    if (text.size() > kMaxCsvBytes) {
        error = cat({"file is ", std::to_string(text.size()), " bytes, more than the limit of ",
                     std::to_string(kMaxCsvBytes)});
        return false;
    }
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM

    // Multiclass labels are collected as text first: indices or names, decided at the end.
    std::vector<std::string> label_text;
    std::vector<size_t> label_line;
    std::vector<std::string> fields;
    bool seen_data = false;
    size_t line_no = 0;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text::trim(text.substr(start, end - start));
        start = end + 1;
        ++line_no;
        if (line.empty() || line.front() == '#') continue;

        if (const int bad = split_fields(line, fields)) {
            error = cat({line_prefix(line_no), "column ", std::to_string(std::abs(bad)),
                         bad > 0 ? " has an unterminated quote" : " has text after its closing quote"});
            return false;
        }
        // Header: the first line, if neither x1 nor x2 is a number ("x1,x2,label").
        if (!seen_data && !text::parse_number(fields[0]) &&
            (fields.size() < 2 || !text::parse_number(fields[1]))) {
            if (fields.size() != 3) {
                error = cat({line_prefix(line_no), "header has ", std::to_string(fields.size()),
                             " columns, expected 3 (x1, x2, label)"});
                return false;
            }
            seen_data = true;  // at most one header line
            continue;
        }
        seen_data = true;
        if (fields.size() != 3) {
            error = cat({line_prefix(line_no), "expected 3 columns (x1, x2, label), found ",
                         std::to_string(fields.size())});
            return false;
        }
        if (out.points.size() >= size_t(kMaxCsvRows)) {
            error = cat({line_prefix(line_no), "more than ", std::to_string(kMaxCsvRows),
                         " data rows"});
            return false;
        }
        Point p;
        if (!read_coordinate(fields[0], line_no, 1, p.x1, error)) return false;
        if (!read_coordinate(fields[1], line_no, 2, p.x2, error)) return false;
        if (problem == Problem::kMulticlass) {
            if (fields[2].empty()) {
                error = cat({line_prefix(line_no), "column 3 (label) is empty"});
                return false;
            }
            label_text.push_back(std::move(fields[2]));
            label_line.push_back(line_no);
        } else if (!read_label(fields[2], problem, line_no, p.label, error)) {
            return false;
        }
        out.points.push_back(p);
    }

    if (out.points.empty()) {
        error = "no data rows (the file is empty or has only a header)";
        return false;
    }

    if (problem == Problem::kMulticlass) {
        // All labels class indices → use them; otherwise all are names.
        bool all_indices = true;
        int max_index = 0;
        for (const std::string& t : label_text) {
            const std::optional<double> v = text::parse_number(t);
            if (!v || *v < 0 || *v != std::floor(*v) || *v >= kMaxClasses) {
                all_indices = false;
                break;
            }
            max_index = std::max(max_index, int(*v));
        }
        if (all_indices) {
            out.num_classes = std::max(max_index + 1, kMinClasses);
            for (size_t i = 0; i < label_text.size(); ++i)
                out.points[i].label = *text::parse_number(label_text[i]);
            for (int k = 0; k < out.num_classes; ++k) out.class_names.push_back(std::to_string(k));
        } else {
            std::map<std::string_view, int> names;
            for (size_t i = 0; i < label_text.size(); ++i) {
                if (names.size() >= size_t(kMaxClasses) && !names.count(label_text[i])) {
                    error = cat({line_prefix(label_line[i]), "column 3 '", shown(label_text[i]),
                                 "' is a class beyond the limit of ", std::to_string(kMaxClasses),
                                 " classes"});
                    return false;
                }
                names.emplace(label_text[i], 0);
            }
            if (names.size() < size_t(kMinClasses)) {
                error = "only one class in column 3; multiclass needs at least 2";
                return false;
            }
            int k = 0;
            for (auto& [name, index] : names) {
                index = k++;
                out.class_names.emplace_back(name);
            }
            for (size_t i = 0; i < label_text.size(); ++i) out.points[i].label = names[label_text[i]];
            out.num_classes = int(names.size());
        }
    }
    return true;
}

Problem guess_csv_problem(std::string_view text) {
    bool all_binary = true, all_small_int = true, any_data = false;
    bool seen[kMaxClasses] = {};
    size_t start = 0;
    bool first = true;
    while (start < text.size() && start < kMaxCsvBytes) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text::trim(text.substr(start, end - start));
        start = end + 1;
        if (line.empty() || line.front() == '#') continue;
        std::vector<std::string> fields;
        if (split_fields(line, fields) != 0) continue;
        const bool header = first && !text::parse_number(fields[0]);
        first = false;
        if (header || fields.size() != 3) continue;
        const std::optional<double> v = text::parse_number(fields[2]);
        if (!v) return Problem::kMulticlass;
        any_data = true;
        if (*v != 1 && *v != -1 && *v != 0) all_binary = false;
        if (*v < 0 || *v >= kMaxClasses || *v != std::floor(*v)) all_small_int = false;
        else seen[int(*v)] = true;
    }
    if (!any_data || all_binary) return Problem::kClassification;
    int distinct = 0;
    for (bool b : seen) distinct += b;
    return all_small_int && distinct >= 3 ? Problem::kMulticlass : Problem::kRegression;
}

bool parse_csv_point(std::string_view row, Problem problem, std::span<const std::string> class_names,
                     Point& out, std::string& error) {
    std::vector<std::string> fields;
    if (const int bad = split_fields(text::trim(row), fields)) {
        error = cat({"column ", std::to_string(std::abs(bad)),
                     bad > 0 ? " has an unterminated quote" : " has text after its closing quote"});
        return false;
    }
    if (fields.size() != 3) {
        error = cat({"expected 3 columns (x1, x2, label), found ", std::to_string(fields.size())});
        return false;
    }
    if (!read_coordinate(fields[0], 0, 1, out.x1, error)) return false;
    if (!read_coordinate(fields[1], 0, 2, out.x2, error)) return false;
    if (problem != Problem::kMulticlass) return read_label(fields[2], problem, 0, out.label, error);
    for (size_t k = 0; k < class_names.size(); ++k)
        if (fields[2] == class_names[k]) {
            out.label = double(k);
            return true;
        }
    const std::optional<double> v = text::parse_number(fields[2]);
    if (!v || *v < 0 || *v >= double(class_names.size()) || *v != std::floor(*v)) {
        error = cat({"column 3 '", shown(fields[2]), "' is not a class (an index 0..",
                     std::to_string(class_names.empty() ? 0 : class_names.size() - 1), " or a class name)"});
        return false;
    }
    out.label = *v;
    return true;
}

bool read_csv_file(const std::string& path, Problem problem, CsvData& out, std::string& error) {
    std::string text;
    if (!text::read_file(path, kMaxCsvBytes, text, error) || !parse_csv(text, problem, out, error)) {
        error = cat({text::escape(path), ": ", error});
        return false;
    }
    return true;
}

std::string write_csv(std::span<const Point> points, Problem problem,
                      std::span<const std::string> class_names) {
    std::string out = "x1,x2,label\n";
    for (const Point& p : points) {
        out += text::format_number(p.x1);
        out += ',';
        out += text::format_number(p.x2);
        out += ',';
        // A class index is compared as a double first: int() of 3e9 or NaN is undefined.
        const bool named = problem == Problem::kMulticlass && p.label >= 0 &&
                           p.label < double(class_names.size()) && p.label == std::floor(p.label);
        if (named)
            append_label(out, class_names[size_t(p.label)]);
        else
            out += text::format_number(p.label);
        out += '\n';
    }
    return out;
}

}  // namespace pg
