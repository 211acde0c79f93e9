// walk_inputs(): the command line's INPUTs -> the files to read, and a count of
// the files passed over, by reason, so that nothing is left out silently.
//
// Rules for files found in a directory walk (files named directly are always
// taken; read_file() complains if their format cannot be told):
//  1. hidden entries (".name") are skipped, not counted;
//  2. --exclude / --include globs (fnmatch, against the relative path and the
//     file name);
//  3. with a forced --format, every remaining file is taken;
//  4. documentation (README*, LICENSE*, PROVENANCE*, CHANGES*, COPYING* ...);
//  5. files whose format cannot be told (see format.h);
//  6. text and CSV/TSV files in a directory that holds a Reuters, TREC or SMART
//     collection: those collections come with auxiliary lists (category names,
//     topics, qrels), which are not news.

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "corpus_reader.h"
#include "errors.h"
#include "format.h"
#include "registry.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

struct Candidate {
    std::string path;
    std::string name;
    std::uint64_t size = 0;
    Format format = Format::Auto;
    bool unreadable = false;  ///< read anyway, so the reader reports what is wrong
};

bool glob_matches(const std::vector<std::string>& globs, const std::string& relative,
                  const std::string& file_name) {
    for (const auto& glob : globs) {
        if (::fnmatch(glob.c_str(), relative.c_str(), 0) == 0) return true;
        if (::fnmatch(glob.c_str(), file_name.c_str(), 0) == 0) return true;
    }
    return false;
}

bool has_role(Format f, readers::DirectoryRole role) {
    return !f.is_auto() && f.reader().role == role;
}

class Walker {
  public:
    Walker(const WalkOptions& options, InputWalk& out) : options_(options), out_(out) {}

    void walk(const fs::path& root) { walk_dir(root, root); }

  private:
    void pass_over(const std::string& reason) { ++out_.passed_over[reason]; }

    void walk_dir(const fs::path& root, const fs::path& dir) {
        std::error_code ec;
        // Symlinked directories are followed, but each directory only once.
        fs::path canonical = fs::weakly_canonical(dir, ec);
        if (!ec && !visited_.insert(canonical.string()).second) return;

        std::vector<fs::directory_entry> entries;
        fs::directory_iterator it(dir, ec);
        if (ec) {
            pass_over("unreadable directory");
            return;
        }
        for (const auto& entry : it) {
            if (entry.path().filename().string().starts_with(".")) continue;
            entries.push_back(entry);
        }
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.path() < b.path(); });

        std::vector<Candidate> files;
        std::vector<fs::path> subdirs;
        for (const auto& entry : entries) {
            std::error_code type_ec;
            if (entry.is_directory(type_ec)) {
                subdirs.push_back(entry.path());
                continue;
            }
            if (!entry.is_regular_file(type_ec)) continue;  // sockets, broken links
            std::string file_name = entry.path().filename().string();
            std::string relative = entry.path().lexically_relative(root).generic_string();
            if (glob_matches(options_.exclude, relative, file_name)) {
                pass_over("excluded by --exclude");
                continue;
            }
            if (!options_.include.empty() && !glob_matches(options_.include, relative, file_name)) {
                pass_over("not matched by --include");
                continue;
            }
            std::error_code size_ec;
            std::uint64_t size = entry.file_size(size_ec);
            Candidate c{entry.path().string(), relative, size_ec ? 0 : size, options_.format};
            if (options_.format == Format::Auto) {
                if (readers::is_documentation_name(file_name)) {
                    pass_over("documentation (README, LICENSE, PROVENANCE)");
                    continue;
                }
                readers::Detection d = readers::detect(c.path);
                // A damaged archive or compressed file, or one that cannot be
                // opened, may well be a corpus file: reading it names the file
                // and what is wrong, where passing it over would only count it.
                c.unreadable = d.unreadable;
                if (d.format == Format::Auto && !d.unreadable) {
                    pass_over(d.reason);
                    continue;
                }
                c.format = d.format;
            }
            files.push_back(std::move(c));
        }

        if (options_.format == Format::Auto) {
            Format collection = Format::Auto;
            for (const auto& f : files)
                if (has_role(f.format, readers::DirectoryRole::Collection)) collection = f.format;
            for (auto& f : files) {
                if (collection != Format::Auto &&
                    has_role(f.format, readers::DirectoryRole::Companion)) {
                    pass_over("text file beside a " + std::string(format_name(collection)) +
                              " corpus");
                    f.format = Format::Auto;
                }
            }
        }
        for (auto& f : files) {
            if (options_.format == Format::Auto && f.format == Format::Auto && !f.unreadable)
                continue;
            out_.files.push_back(InputFile{std::move(f.path), std::move(f.name), f.size});
        }
        for (const auto& sub : subdirs) walk_dir(root, sub);
    }

    const WalkOptions& options_;
    InputWalk& out_;
    std::set<std::string> visited_;
};

}  // namespace

InputWalk walk_inputs(const std::vector<std::string>& inputs, const WalkOptions& options) {
    InputWalk out;
    for (const auto& input : inputs) {
        if (input == "-") {
            out.files.push_back(InputFile{"-", "stdin", 0});
            continue;
        }
        std::error_code ec;
        fs::path path(input);
        fs::file_status status = fs::status(path, ec);
        if (ec || !fs::exists(status)) throw InputError(input, "no such file or directory");
        if (fs::is_directory(status)) {
            std::size_t first = out.files.size();
            Walker(options, out).walk(path);
            // One directory's files in name order, whatever the walk order was.
            std::sort(out.files.begin() + static_cast<std::ptrdiff_t>(first), out.files.end(),
                      [](const InputFile& a, const InputFile& b) { return a.name < b.name; });
            continue;
        }
        std::uint64_t size = 0;
        if (fs::is_regular_file(status)) {
            std::error_code size_ec;
            size = fs::file_size(path, size_ec);
            if (size_ec) size = 0;
        }
        out.files.push_back(InputFile{input, path.filename().string(), size});
    }
    return out;
}

}  // namespace newsdex
