#pragma once
// The format readers behind read_file(). Each reads one file (or archive member)
// from `in`, names it `name` in ids and diagnostics, and hands articles and
// warnings to `ctx`. They never throw for bad content (ReadError from the byte
// source and exceptions from ctx.emit pass through).

#include <string>

#include "buffered_input.h"
#include "corpus_reader.h"

namespace newsdex::readers {

void read_text(BufferedInput& in, const std::string& name, const ReadContext& ctx);
void read_jsonl(BufferedInput& in, const std::string& name, const ReadContext& ctx);
void read_json(BufferedInput& in, const std::string& name, const ReadContext& ctx);
/// `tab_separated`: the file is a .tsv, so the default delimiter is a tab.
void read_csv(BufferedInput& in, const std::string& name, const ReadContext& ctx,
              bool tab_separated);
void read_reuters(BufferedInput& in, const std::string& name, const ReadContext& ctx);
void read_trec(BufferedInput& in, const std::string& name, const ReadContext& ctx);
void read_smart(BufferedInput& in, const std::string& name, const ReadContext& ctx);

}  // namespace newsdex::readers
