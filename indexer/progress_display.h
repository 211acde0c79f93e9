#pragma once
// What newsdex-index prints: a progress bar on a terminal, warnings, and one
// closing summary line in every case.

#include <cstdio>
#include <map>
#include <string>

#include "indexer.h"

namespace newsdex {

/// "[#####.....]  41%  9,120 articles  2.1 MB/s  ETA 0:12" (one line, redrawn).
std::string format_progress(const IndexProgress& p, int bar_width = 24);

/// "indexed 21,578 articles (21,578 added, 0 updated, 0 unchanged, 3 skipped) from 22 files, 27.8
/// MB in 9.1 s (2,371 articles/s, 3.1 MB/s); 9 files passed over: 3 documentation, ..."
std::string format_summary(const IndexStats& s);

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
