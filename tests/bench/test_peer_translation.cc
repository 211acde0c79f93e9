// bench/peers/ translates newsdex's parsed queries (newsdex-bench
// parse-queries) into each peer engine's syntax. This runs that translation
// (bench/peers/translate_queries.py, no engine needed) over every query file
// of bench/queries/ and a fixture of the syntax those files do not use, and
// checks that no query is lost, none is skipped that a peer can express, and
// known rows come out as the peer query a reader would write by hand.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "support/run_command.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

const std::filesystem::path kPython = "/usr/bin/python3";  // Debian's, as run_peers.sh

/// Rows of a CLASS<TAB>QUERY file as bench/query_file.cc counts them: lines
/// that are neither blank nor '#' comments.
std::size_t query_rows(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::size_t rows = 0;
    for (std::string line; std::getline(in, line);) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first != std::string::npos && line[first] != '#') ++rows;
    }
    return rows;
}

struct Translation {
    std::string cls, text;
    std::map<std::string, std::string> skipped;  ///< peer -> reason
    std::string xapian, fts5, lucene_line;       ///< the rendered queries
    std::string xapian_dates, xapian_topics;     ///< "lo..hi", "a,b"
};

class PeerTranslation : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!std::filesystem::exists(kPython))
            GTEST_SKIP() << kPython << " is absent: bench/peers/ cannot run here";
    }

    /// file name -> translations in file order.
    std::map<std::string, std::vector<Translation>> translate(
        const std::vector<std::filesystem::path>& files) {
        std::vector<std::string> args = {
            (test::source_dir() / "bench" / "peers" / "translate_queries.py").string(), "--bench",
            test::tool_path("newsdex-bench").string()};
        for (const auto& f : files) args.push_back(f.string());
        const test::CommandResult r = test::run_command(kPython, args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        std::map<std::string, std::vector<Translation>> out;
        std::istringstream lines(r.out);
        for (std::string line; std::getline(lines, line);) {
            rapidjson::Document d;
            d.Parse(line.c_str());
            if (d.HasParseError() || !d.IsObject()) {
                ADD_FAILURE() << "not a JSON object: " << line;
                continue;
            }
            Translation t;
            t.cls = d["class"].GetString();
            t.text = d["text"].GetString();
            for (const auto& peer : d["peers"].GetObject()) {
                const std::string name = peer.name.GetString();
                const auto& v = peer.value;
                if (v.HasMember("skipped")) {
                    t.skipped[name] = v["skipped"].GetString();
                } else if (name == "xapian-defaults") {
                    t.xapian = v["query"].IsString() ? v["query"].GetString() : "";
                    if (v["dates"].IsArray())
                        t.xapian_dates = std::to_string(v["dates"][0].GetInt64()) + ".." +
                                         std::to_string(v["dates"][1].GetInt64());
                    for (const auto& topic : v["topics"].GetArray())
                        t.xapian_topics +=
                            (t.xapian_topics.empty() ? "" : ",") + std::string(topic.GetString());
                } else if (name == "sqlite-fts5") {
                    t.fts5 = v["match"].IsString() ? v["match"].GetString() : "";
                } else if (name == "lucene") {
                    t.lucene_line = v["line"].GetString();
                }
            }
            EXPECT_EQ(
                t.skipped.size() + !t.xapian.empty() + !t.fts5.empty() + !t.lucene_line.empty(), 3u)
                << "each of the three peers translates or skips: " << line;
            out[std::filesystem::path(d["file"].GetString()).filename().string()].push_back(t);
        }
        return out;
    }
};

const Translation* find(const std::vector<Translation>& rows, const std::string& text) {
    auto it = std::find_if(rows.begin(), rows.end(),
                           [&](const Translation& t) { return t.text == text; });
    return it == rows.end() ? nullptr : &*it;
}

TEST_F(PeerTranslation, EveryBenchQueryFileTranslatesForEveryPeer) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(test::source_dir() / "bench" / "queries"))
        if (entry.path().extension() == ".tsv") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    ASSERT_GE(files.size(), 3u) << "bench/queries/*.tsv: reuters, bbc, generated at least";

    const auto translated = translate(files);
    for (const auto& file : files) {
        const std::string name = file.filename().string();
        SCOPED_TRACE(name);
        const auto it = translated.find(name);
        ASSERT_NE(it, translated.end()) << "no query of " << name << " was translated";
        const std::size_t rows = query_rows(file);
        ASSERT_GT(rows, 0u);
        EXPECT_EQ(it->second.size(), rows) << "every row of the file is one translated query";
        for (const Translation& t : it->second) {
            // No peer indexes source: (bench/peers/README.md); anything else
            // in these files every peer can express.
            for (const auto& [peer, reason] : t.skipped)
                EXPECT_EQ(t.text.rfind("source:", 0), 0u)
                    << peer << " skipped \"" << t.text << "\": " << reason;
        }
    }
    const auto& reuters = translated.at("reuters.tsv");
    for (const Translation& t : reuters) EXPECT_TRUE(t.skipped.empty()) << t.text;

    const Translation* date = find(reuters, "date:1987-02-17..1987-04-17 air");
    ASSERT_NE(date, nullptr);
    EXPECT_EQ(date->xapian, "air");
    EXPECT_EQ(date->xapian_dates,
              "540518400..545702399");  // 1987-02-17 00:00 .. 04-17 23:59:59 UTC
    EXPECT_EQ(date->fts5, "\"air\"");
    EXPECT_EQ(date->lucene_line, "date\t0\t0\t540518400\t545702399\t\tair");
    const Translation* phrase = find(reuters, "\"the sources\"");
    ASSERT_NE(phrase, nullptr);
    EXPECT_EQ(phrase->xapian, "\"the sources\"");
    EXPECT_EQ(phrase->fts5, "\"the sources\"");
    EXPECT_EQ(phrase->lucene_line, "phrase2\t0\t0\t\t\t\t\"the sources\"");
    const Translation* any = find(reuters, "record pay york");
    ASSERT_NE(any, nullptr);
    EXPECT_EQ(any->fts5, "\"record\" OR \"pay\" OR \"york\"");
    EXPECT_EQ(any->lucene_line, "any\t1\t0\t\t\t\trecord pay york");
}

TEST_F(PeerTranslation, OperatorsFiltersAndLenientQueries) {
    const auto translated = translate({test::fixtures_dir() / "peers" / "syntax.tsv"});
    ASSERT_EQ(translated.size(), 1u);
    const auto& rows = translated.begin()->second;
    EXPECT_EQ(rows.size(), query_rows(test::fixtures_dir() / "peers" / "syntax.tsv"));

    const Translation* near = find(rows, "oil NEAR/5 prices");
    ASSERT_NE(near, nullptr);
    EXPECT_EQ(near->xapian, "(oil NEAR/5 prices)");
    EXPECT_EQ(near->fts5, "NEAR(\"oil\" \"prices\", 5)");
    EXPECT_EQ(near->lucene_line, "near\t0\t0\t\t\t\t\"oil prices\"~5");

    const Translation* boolean = find(rows, "(opec OR saudi) -quota");
    ASSERT_NE(boolean, nullptr);
    EXPECT_EQ(boolean->xapian, "(opec OR saudi) -quota");
    EXPECT_EQ(boolean->fts5, "(\"opec\" OR \"saudi\") NOT \"quota\"");

    const Translation* filter = find(rows, "topic:acq date:1987-03 profit");
    ASSERT_NE(filter, nullptr);
    EXPECT_EQ(filter->xapian, "profit");
    EXPECT_EQ(filter->xapian_dates, "541555200..544233599");  // March 1987, UTC
    EXPECT_EQ(filter->xapian_topics, "acq");
    EXPECT_EQ(filter->lucene_line, "filter\t0\t0\t541555200\t544233599\tacq\tprofit");

    const Translation* wild = find(rows, "negotiat* title:\"cease fire\"");
    ASSERT_NE(wild, nullptr);
    EXPECT_EQ(wild->fts5, "\"negotiat\" * AND title : \"cease fire\"");

    // newsdex reads an unbalanced quote leniently (as words, with a note); a
    // peer must not guess the same leniency, so it skips, and says why.
    const Translation* lenient = find(rows, "\"unbalanced quote");
    ASSERT_NE(lenient, nullptr);
    ASSERT_EQ(lenient->skipped.size(), 3u);
    for (const auto& [peer, reason] : lenient->skipped)
        EXPECT_NE(reason.find("leniently"), std::string::npos) << peer << ": " << reason;
    const Translation* source = find(rows, "source:reuters oil");
    ASSERT_NE(source, nullptr);
    EXPECT_EQ(source->skipped.size(), 3u);
}

}  // namespace
}  // namespace newsdex
