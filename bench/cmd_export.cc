// newsdex-bench export --db DIR [--out FILE]: article_export.h's JSONL.

#include <cstdio>
#include <memory>

#include "article_export.h"
#include "cli_options.h"
#include "commands.h"
#include "errors.h"

namespace newsdex::bench {

namespace {

const char* kExportUsage =
    "usage: newsdex-bench export [--db DIR] [--out FILE]\n"
    "Writes every stored article of a database as JSONL, one object a line: collection, id,\n"
    "title, date (YYYY-MM-DDTHH:MM:SSZ), epoch, source, url, lang, authors, topics, places,\n"
    "body; the input every engine of bench/peers/ indexes.";

}  // namespace

int export_command(int argc, char** argv) {
    namespace po = cli::po;
    cli::DatabaseOption db;
    std::string out_path = "-";
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help");
    db.add_to(desc);
    desc.add_options()("out,o", po::value(&out_path)->value_name("FILE"),
                       "write to FILE (default '-': standard output)");
    bool parsed = false;
    int code = guarded("export", kExportUsage, true, [&] {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, nullptr, vm, kExportUsage)) return kExitOk;
        db.finish();
        parsed = true;
        return kExitOk;
    });
    if (!parsed) return code;
    return guarded("export", kExportUsage, false, [&] {
        std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
        std::FILE* out = stdout;
        if (out_path != "-") {
            file.reset(std::fopen(out_path.c_str(), "wb"));
            if (!file) throw Error("cannot write " + out_path);
            out = file.get();
        }
        std::uint64_t n = export_articles(db.path, [&](std::string_view line) {
            if (std::fwrite(line.data(), 1, line.size(), out) != line.size())
                throw Error("cannot write " + out_path);
        });
        if (std::fflush(out) != 0) throw Error("cannot write " + out_path);
        if (file && std::fclose(file.release()) != 0) throw Error("cannot write " + out_path);
        std::fprintf(stderr, "exported %llu articles from %s\n", static_cast<unsigned long long>(n),
                     db.path.c_str());
        return kExitOk;
    });
}

}  // namespace newsdex::bench
