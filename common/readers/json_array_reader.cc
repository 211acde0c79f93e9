// JSON files: usually one array of article objects, sometimes a single object
// or several concatenated values. The file is streamed through RapidJSON's SAX
// Reader; only the element being read is held in memory. A syntax error stops
// the file (the structure after it cannot be trusted) but keeps the articles
// already emitted.

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include "buffered_input.h"
#include "json_record.h"
#include "json_value.h"
#include "reader_support.h"
#include "registry.h"

namespace newsdex::readers {

namespace {

/// SAX handler for a whole JSON file: cuts each element of the top-level array
/// (or a top-level object) out of the event stream and turns it into an article.
class RecordCutter {
  public:
    RecordCutter(const std::string& name, const ReadContext& ctx)
        : name_(name), ctx_(ctx), map_(ctx.options) {}

    /// Called before each top-level value.
    void start_root() {
        depth_ = 0;
        in_array_ = false;
        building_ = false;
    }
    bool cancelled() const { return cancelled_; }
    bool too_deep() const { return builder_.too_deep(); }

    bool Null() {
        return scalar([&] { return builder_.Null(); });
    }
    bool Bool(bool b) {
        return scalar([&] { return builder_.Bool(b); });
    }
    bool Int(int i) {
        return scalar([&] { return builder_.Int(i); });
    }
    bool Uint(unsigned u) {
        return scalar([&] { return builder_.Uint(u); });
    }
    bool Int64(std::int64_t i) {
        return scalar([&] { return builder_.Int64(i); });
    }
    bool Uint64(std::uint64_t u) {
        return scalar([&] { return builder_.Uint64(u); });
    }
    bool Double(double d) {
        return scalar([&] { return builder_.Double(d); });
    }
    bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
        return scalar([&] { return builder_.RawNumber(s, n, copy); });
    }
    bool String(const char* s, rapidjson::SizeType n, bool copy) {
        return scalar([&] { return builder_.String(s, n, copy); });
    }
    bool Key(const char* s, rapidjson::SizeType n, bool copy) {
        return building_ ? builder_.Key(s, n, copy) : true;
    }
    bool StartObject() {
        if (building_) return builder_.StartObject();
        if (depth_ == 0 || (depth_ == 1 && in_array_)) {
            // A record starts: a top-level object or an element of the top-level array.
            ++index_;
            building_ = true;
            builder_.reset();
            return builder_.StartObject();
        }
        ++depth_;  // inside a non-object element being skipped
        return true;
    }
    bool EndObject(rapidjson::SizeType n) {
        if (building_) {
            if (!builder_.EndObject(n)) return false;
            if (builder_.complete()) return finish_record();
            return true;
        }
        --depth_;
        return true;
    }
    bool StartArray() {
        if (building_) return builder_.StartArray();
        if (depth_ == 0) {
            in_array_ = true;
            depth_ = 1;
            return true;
        }
        if (depth_ == 1) not_an_object();
        ++depth_;
        return true;
    }
    bool EndArray(rapidjson::SizeType n) {
        if (building_) return builder_.EndArray(n);
        --depth_;
        if (depth_ == 0) in_array_ = false;
        return true;
    }

  private:
    template <typename Forward>
    bool scalar(Forward forward) {
        if (building_) return forward();
        if (depth_ <= 1) not_an_object();  // a scalar element, or a scalar root
        return true;
    }

    void not_an_object() {
        ++index_;
        warn_skipped(ctx_, name_, "element " + std::to_string(index_),
                     "skipped: not a JSON object");
    }

    bool finish_record() {
        building_ = false;
        std::string record = "element " + std::to_string(index_);
        Article article;
        if (article_from_json(builder_.value(), map_,
                              {name_, record, name_ + "#" + std::to_string(index_)}, ctx_, article))
            ctx_.emit(std::move(article));
        // Stopping here (returning false) ends the parse between records.
        if (is_cancelled(ctx_)) {
            cancelled_ = true;
            return false;
        }
        return true;
    }

    const std::string& name_;
    const ReadContext& ctx_;
    FieldMap map_;
    JsonTreeBuilder builder_;
    bool building_ = false;  ///< a record is being built: events go to builder_
    bool in_array_ = false;  ///< inside the top-level array
    std::size_t depth_ = 0;  ///< containers open outside the record being built
    std::size_t index_ = 0;  ///< 1-based number of the current top-level element
    bool cancelled_ = false;
};

void read_json(BufferedInput& in, const std::string& name, std::string_view /*extension*/,
               const ReadContext& ctx) {
    in.skip_bom();
    RecordCutter cutter(name, ctx);
    JsonInputStream stream(in);
    rapidjson::Reader reader;
    for (;;) {
        // Several top-level values (concatenated JSON) are read one by one.
        while (in.peek_char() == ' ' || in.peek_char() == '\n' || in.peek_char() == '\r' ||
               in.peek_char() == '\t')
            in.get();
        if (in.at_end()) return;
        if (is_cancelled(ctx)) return;
        cutter.start_root();
        rapidjson::ParseResult result =
            reader.Parse<kJsonParseFlags | rapidjson::kParseStopWhenDoneFlag>(stream, cutter);
        if (result) continue;
        if (cutter.cancelled()) return;
        std::string message =
            cutter.too_deep()
                ? "nesting deeper than " + std::to_string(JsonTreeBuilder::kMaxDepth) + " levels"
                : rapidjson::GetParseError_En(result.Code());
        warn_skipped(ctx, name, "byte " + std::to_string(result.Offset()),
                     message + "; the rest of the file is not read");
        return;
    }
}

constexpr std::string_view kExtensions[] = {".json"};

Sniffed sniff_json(std::string_view head) {
    return head.starts_with('[') ? Sniffed::Yes : Sniffed::No;
}

}  // namespace

extern const FormatReader kJsonFormat{.name = "json",
                                      .extensions = kExtensions,
                                      .sniff = sniff_json,
                                      .read = read_json,
                                      .role = DirectoryRole::Standalone,
                                      .companion = {}};

}  // namespace newsdex::readers
