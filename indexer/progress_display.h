#pragma once
// What newsdex-index prints: a progress bar on a terminal, warnings, and one
// closing summary line in every case.

#include <cstdio>
#include <map>
#include <optional>
#include <string>

#include "article_deletion.h"
#include "indexer.h"

namespace newsdex {

/// "[#####.....]  41%  9,120 articles indexed  1,830/s  ETA 0:12" (one line,
/// redrawn): progress of indexing, not of reading; the bar and the ETA only
/// when the input's size is known. While segments merge: "merging 4 segments
/// of 21,578 articles: table 3 of 6 (termlist)...".
std::string format_progress(const IndexProgress& p, int bar_width = 24);

/// The fraction of the input's articles indexed so far, the article count
/// extrapolated from the bytes read; nullopt when the input's size is unknown
/// (stdin) or nothing was read yet.
std::optional<double> indexed_fraction(const IndexProgress& p);

/// "indexed 21,578 articles (21,578 added, 0 updated, 0 unchanged, 3 skipped) from 22 files, 27.8
/// MB in 9.1 s (2,371 articles/s, 3.1 MB/s); 9 files passed over (documentation (README, LICENSE,
/// PROVENANCE): 2; text file beside a reuters corpus: 7)"
std::string format_summary(const IndexStats& s);

/// "deleted 3 articles (1 not found, 0 repeated, 0 lines passed over) in 0.1 s; 1 article moved
/// to another near-duplicate cluster; database has 21,575 articles"
std::string format_deletion_summary(const DeletionStats& s);

/// Prints warnings, capped per file so one broken file cannot flood the
/// terminal: after `per_file_limit` warnings for a file the rest are counted
/// and reported once at the end.
class WarningPrinter {
  public:
    explicit WarningPrinter(std::FILE* out, unsigned per_file_limit = 20)
        : out_(out), limit_(per_file_limit) {}
    void print(const Diagnostic& d, bool clear_line_first);
    void print_suppressed();

  private:
    std::FILE* out_;
    unsigned limit_;
    std::map<std::string, unsigned> per_file_;
};

}  // namespace newsdex
