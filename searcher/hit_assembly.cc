#include "hit_assembly.h"

#include <set>
#include <utility>

#include "near_duplicate.h"
#include "schema.h"
#include "sentence_splitter.h"
#include "snippet_renderer.h"
#include "stored_fields.h"
#include "terms.h"
#include "utf8.h"

namespace newsdex {

namespace {

/// The other articles of `doc`'s near-duplicate cluster into `hit` (each
/// identity once, at most kMaxSimilarListed, all counted).
void find_similar(const Xapian::Database& db, const Xapian::Document& doc, Hit& hit) {
    const std::string cluster = doc.get_value(schema::kSlotCluster);
    if (cluster.empty()) return;
    const std::string term = near_duplicate::cluster_term(cluster);
    if (db.get_termfreq(term) < 2) return;  // a singleton has no membership term
    const std::string own = doc.get_value(schema::kSlotIdentity);
    std::set<std::string> seen{own};
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        if (*p == doc.get_docid()) continue;
        Xapian::Document member = db.get_document(*p);
        if (member.get_value(schema::kSlotCluster) != cluster) continue;  // a hash collision
        std::string identity = member.get_value(schema::kSlotIdentity);
        if (!seen.insert(identity).second) continue;  // the same article in another database
        ++hit.similar_total;
        if (hit.similar.size() >= kMaxSimilarListed) continue;
        if (auto split = split_unique_term(identity)) {
            hit.similar.push_back({std::move(split->first), std::move(split->second)});
        } else {
            Article a = decode_stored_fields(member.get_data());
            hit.similar.push_back({std::move(a.collection), std::move(a.id)});
        }
    }
}

}  // namespace

std::string title_from_body(std::string_view body, std::size_t max_chars) {
    // Only the opening is needed: a sentence longer than this is cut anyway.
    std::string_view opening = body.substr(0, floor_code_point_boundary(body, 8 * max_chars));
    std::vector<SentenceSpan> sentences = split_sentences(opening);
    if (sentences.empty()) return {};
    std::string_view first =
        opening.substr(sentences[0].start, sentences[0].end - sentences[0].start);
    // Whitespace runs (hard-wrapped lines) become one space.
    std::string out;
    std::size_t chars = 0, last_space = std::string::npos;
    bool cut = false, in_space = false;
    for (std::size_t i = 0; i < first.size();) {
        const std::size_t start = i;
        const UChar32 c = next_code_point(first, i);
        if (is_unicode_space(c)) {
            if (!in_space) {
                last_space = out.size();
                out += ' ';
                ++chars;
            }
            in_space = true;
        } else {
            in_space = false;
            out.append(first, start, i - start);
            ++chars;
        }
        if (chars >= max_chars && i < first.size()) {
            cut = true;
            break;
        }
    }
    if (cut) {
        if (last_space != std::string::npos && last_space > out.size() / 2) out.resize(last_space);
        out += "\xE2\x80\xA6";  // …
    }
    return out;
}

RenderedSnippet whole_text_marked(SnippetSelector& selector, std::string_view text) {
    if (text.empty()) return {};
    Fragment all;
    all.start = 0;
    all.end = static_cast<std::uint32_t>(text.size());
    all.matches = selector.find_matches(text);
    return render_snippet(text, {all});
}

Hit assemble_hit(const Xapian::MSetIterator& it, const Xapian::Database& db, TextAnalyzer& analyzer,
                 const HighlightTerms& highlight, const SearchRequest& request) {
    Article stored = decode_stored_fields(it.get_document().get_data());
    SnippetSelector selector(analyzer, highlight, stored.lang);
    Hit hit;
    hit.rank = it.get_rank() + 1;  // get_rank counts from the first match, not the page
    hit.score = it.get_weight();
    hit.collection = std::move(stored.collection);
    hit.id = std::move(stored.id);
    hit.source = std::move(stored.source);
    hit.url = std::move(stored.url);
    hit.lang = std::move(stored.lang);
    hit.topics = std::move(stored.topics);
    hit.authors = std::move(stored.authors);
    hit.places = std::move(stored.places);
    hit.date = stored.date;
    if (stored.title.find_first_not_of(" \t\r\n") == std::string::npos) {
        stored.title = title_from_body(stored.body);
        hit.title_from_body = !stored.title.empty();
    }
    if (request.snippets) {
        hit.title_marked = whole_text_marked(selector, stored.title);
        hit.snippet = render_snippet(stored.body, selector.select(stored.body, request.snippet));
    } else {
        hit.title_marked.text = stored.title;
        hit.title_marked.html = html_escape(stored.title);
    }
    hit.title = std::move(stored.title);
    find_similar(db, it.get_document(), hit);
    return hit;
}

}  // namespace newsdex
