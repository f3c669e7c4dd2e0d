// pg/csv.h: good files of every shape, and bad ones rejected with a message
// naming the line and column.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "pg/csv.h"

namespace {

// Parses and returns the error ("" on success).
std::string csv_error(std::string_view text, pg::Problem problem = pg::Problem::kClassification) {
    pg::CsvData data;
    std::string error;
    const bool ok = pg::parse_csv(text, problem, data, error);
    return ok ? std::string() : error;
}

}  // namespace

TEST_CASE("CSV: good files") {
    pg::CsvData d;
    std::string error;
    SUBCASE("with header, classification labels 1 / -1 / 0") {
        REQUIRE(pg::parse_csv("x1,x2,label\n1.5,-2,1\n-0.25,3.75,-1\n0,0,0\n",
                              pg::Problem::kClassification, d, error));
        REQUIRE(d.points.size() == 3);
        CHECK(d.points[0].x1 == 1.5);
        CHECK(d.points[0].x2 == -2);
        CHECK(d.points[0].label == 1);
        CHECK(d.points[1].label == -1);
        CHECK(d.points[2].label == -1);
        CHECK(d.num_classes == 2);
    }
    SUBCASE("one data row is enough (a hand-worked example)") {
        REQUIRE(pg::parse_csv("x1,x2,label\n1,0,1\n", pg::Problem::kRegression, d, error));
        REQUIRE(d.points.size() == 1);
        CHECK(d.points[0].x1 == 1);
        CHECK(d.points[0].label == 1);
    }
    SUBCASE("no header, CRLF, spaces, comments, blank lines, BOM, quotes") {
        REQUIRE(pg::parse_csv("\xEF\xBB\xBF# my data\r\n 1 , 2 , 0.5 \r\n\r\n\"3\",4e-1,-1.25\r\n",
                              pg::Problem::kRegression, d, error));
        REQUIRE(d.points.size() == 2);
        CHECK(d.points[0].label == 0.5);
        CHECK(d.points[1].x1 == 3);
        CHECK(d.points[1].x2 == doctest::Approx(0.4));
        CHECK(d.points[1].label == -1.25);
        CHECK(d.num_classes == 0);
    }
    SUBCASE("multiclass with class names: sorted names give the indices") {
        REQUIRE(pg::parse_csv("x1,x2,species\n0,0,setosa\n1,1,virginica\n2,2,versicolor\n3,3,setosa\n",
                              pg::Problem::kMulticlass, d, error));
        CHECK(d.num_classes == 3);
        REQUIRE(d.class_names.size() == 3);
        CHECK(d.class_names[0] == "setosa");
        CHECK(d.class_names[2] == "virginica");
        CHECK(d.points[1].label == 2);
        CHECK(d.points[2].label == 1);
        CHECK(d.points[3].label == 0);
    }
    SUBCASE("multiclass with indices") {
        REQUIRE(pg::parse_csv("0,0,0\n1,1,3\n2,2,1\n", pg::Problem::kMulticlass, d, error));
        CHECK(d.num_classes == 4);
        CHECK(d.points[1].label == 3);
    }
    SUBCASE("write and read back exactly") {
        const std::vector<pg::Point> pts = {{0.1, -1.0 / 3, 1}, {5.999999999, 1e-7, -1}};
        const std::string text = pg::write_csv(pts, pg::Problem::kClassification);
        REQUIRE(pg::parse_csv(text, pg::Problem::kClassification, d, error));
        REQUIRE(d.points.size() == 2);
        CHECK(d.points[0].x2 == -1.0 / 3);
        CHECK(d.points[1].x2 == 1e-7);
        const std::vector<std::string> names = {"a", "b"};
        const std::string mc = pg::write_csv(std::vector<pg::Point>{{0, 0, 1}, {1, 1, 0}},
                                             pg::Problem::kMulticlass, names);
        CHECK(mc == "x1,x2,label\n0,0,b\n1,1,a\n");
    }
}

TEST_CASE("CSV: bad files name the line and column") {
    CHECK(csv_error("x1,x2,label\n1,2,1\n3,abc,1\n") == "line 3: column 2 'abc' is not a number");
    CHECK(csv_error("1,2,1\n1,2,1\n1,2,1\n1,2,1\n1,2,1\n1,2,1\nabc,2,1\n") ==
          "line 7: column 1 'abc' is not a number");
    CHECK(csv_error("1,2,1\n1,2,abc\n", pg::Problem::kRegression) == "line 2: column 3 'abc' is not a number");
    CHECK(csv_error("1,2,1\nnan,2,1\n") == "line 2: column 1 'nan' is not a finite number");
    CHECK(csv_error("1,2,1\n1,inf,1\n") == "line 2: column 2 'inf' is not a finite number");
    CHECK(csv_error("1,2,1\n1,1e400,1\n") == "line 2: column 2 '1e400' is not a number");
    CHECK(csv_error("1,2,1\n1,0x10,1\n") == "line 2: column 2 '0x10' is not a number");
    CHECK(csv_error("1,2,1\n1,2e7,1\n") == "line 2: column 2 '2e7' is out of range (|x| <= 1e6)");
    CHECK(csv_error("1,2,1\n1,2\n") == "line 2: expected 3 columns (x1, x2, label), found 2");
    CHECK(csv_error("1,2,1\n1,2,3,4\n") == "line 2: expected 3 columns (x1, x2, label), found 4");
    CHECK(csv_error("1,2,1\n1,2,\n") == "line 2: column 3 (label) is empty");
    CHECK(csv_error("1,2,1\n1,2,2\n").find("line 2: column 3 '2' is not a class label") == 0);
    CHECK(csv_error("1,2,1\n1,2,cat\n").find("line 2: column 3 'cat' is not a number") == 0);
    CHECK(csv_error("a,b,c,d\n1,2,1\n") == "line 1: header has 4 columns, expected 3 (x1, x2, label)");
    CHECK(csv_error("") == "no data rows (the file is empty or has only a header)");
    CHECK(csv_error("\n\n# nothing\n") == "no data rows (the file is empty or has only a header)");
    CHECK(csv_error("x1,x2,label\n") == "no data rows (the file is empty or has only a header)");
    CHECK(csv_error("1,1,a\n2,2,a\n", pg::Problem::kMulticlass) ==
          "only one class in column 3; multiclass needs at least 2");
    CHECK(csv_error("1,1,a\n1,1,b\n1,1,c\n1,1,d\n1,1,e\n1,1,f\n1,1,g\n1,1,h\n1,1,i\n",
                    pg::Problem::kMulticlass) ==
          "line 9: column 3 'i' is a class beyond the limit of 8 classes");
    // A huge file is refused before parsing.
    std::string big(pg::kMaxCsvBytes + 1, '1');
    CHECK(csv_error(big).find("bytes, more than the limit") != std::string::npos);
    // Too many rows.
    std::string many;
    for (int i = 0; i <= pg::kMaxCsvRows; ++i) many += "1,1,1\n";
    CHECK(csv_error(many) == "line 100001: more than 100000 data rows");
}

TEST_CASE("CSV: files") {
    pg::CsvData d;
    std::string error;
    CHECK_FALSE(pg::read_csv_file("/nonexistent/dir/data.csv", pg::Problem::kClassification, d, error));
    CHECK(error == "/nonexistent/dir/data.csv: cannot open file");
    const std::string path = "/tmp/pg_test_csv_bad_line.csv";
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fputs("x1,x2,label\n1,2,1\n3,x,1\n", f);
        std::fclose(f);
        CHECK_FALSE(pg::read_csv_file(path, pg::Problem::kClassification, d, error));
        CHECK(error == path + ": line 3: column 2 'x' is not a number");
        std::remove(path.c_str());
    }
}

TEST_CASE("CSV: guessing the problem from the labels") {
    CHECK(pg::guess_csv_problem("x1,x2,label\n1,2,1\n3,4,-1\n") == pg::Problem::kClassification);
    CHECK(pg::guess_csv_problem("1,2,1\n3,4,0\n") == pg::Problem::kClassification);
    CHECK(pg::guess_csv_problem("1,2,cat\n3,4,dog\n") == pg::Problem::kMulticlass);
    CHECK(pg::guess_csv_problem("1,2,0\n3,4,1\n5,6,2\n") == pg::Problem::kMulticlass);
    CHECK(pg::guess_csv_problem("1,2,0.5\n3,4,-0.25\n") == pg::Problem::kRegression);
    CHECK(pg::guess_csv_problem("1,2,3\n3,4,40\n5,6,2\n") == pg::Problem::kRegression);
    CHECK(pg::guess_csv_problem("") == pg::Problem::kClassification);
}
