#pragma once
// TREC file formats: qrels in, run files out.

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "trec_metrics.h"

namespace newsdex::bench {

/// Reads "TOPIC ITERATION DOCNO LEVEL" lines (whitespace separated; the
/// iteration column is ignored, as trec_eval ignores it). Blank lines are
/// skipped. Throws UsageError naming the line for anything else.
Qrels read_qrels(const std::string& path);
Qrels parse_qrels(std::istream& in, const std::string& name);

/// Reads a TREC run file ("TOPIC Q0 DOCNO RANK SCORE TAG"), e.g. another
/// engine's, into trec_order()ed rankings per topic, topics in first-seen
/// order. Throws UsageError naming the line for a malformed one.
std::vector<std::pair<std::string, std::vector<RankedDoc>>> read_run(const std::string& path);

/// A docno as a run file can carry it: whitespace would split the column, so
/// each whitespace character becomes '_'.
std::string run_docno(std::string_view id);

/// The score as written to the run file and read back, which is what
/// trec_eval ranks by; rankings are ordered on this value so that the numbers
/// printed and trec_eval's on the written file agree.
double run_score(double score);

/// Writes one topic's ranking ("TOPIC Q0 DOCNO RANK SCORE TAG", rank from 1),
/// in the order given (callers pass trec_order()ed rankings).
void write_run(std::ostream& out, const std::string& topic, const std::vector<RankedDoc>& ranking,
               const std::string& tag);

}  // namespace newsdex::bench
