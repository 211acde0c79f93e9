#pragma once
// A small JSON tree for one record at a time, built from RapidJSON SAX events.
//
// Why not rapidjson::Document: the JSON array reader drives one RapidJSON
// Reader over the whole file and must cut a tree out of the event stream for
// each array element; a Document can only be filled from a whole parse. Numbers
// are kept as written (kParseNumbersAsStringsFlag) because they are mostly ids.

#include <rapidjson/reader.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex::readers {

struct JsonMember;

struct JsonValue {
    enum class Kind { Null, Bool, Number, String, Array, Object };
    Kind kind = Kind::Null;
    std::string text;              ///< String: the string; Number: as written; Bool: "true"/"false"
    std::vector<JsonValue> items;  ///< Array elements
    std::vector<JsonMember> members;  ///< Object members, in order

    /// The first member whose key equals `key` exactly, else case-insensitively.
    const JsonValue* find(std::string_view key) const;
};

/// One object member. Not a std::pair: a pair may not be instantiated with the
/// still incomplete JsonValue (libstdc++ checks that under clang).
struct JsonMember {
    std::string first;  ///< the key
    JsonValue second;   ///< the value
};

/// RapidJSON SAX handler that builds one JsonValue. Nesting deeper than
/// kMaxDepth aborts the parse: such input is not a news record, and a very deep
/// tree would exhaust the stack when destroyed.
class JsonTreeBuilder {
  public:
    static constexpr std::size_t kMaxDepth = 64;

    void reset();
    /// The value built; complete once complete() is true.
    JsonValue& value() { return root_; }
    bool complete() const { return started_ && open_.empty(); }
    bool too_deep() const { return too_deep_; }

    bool Null() { return add_scalar(JsonValue::Kind::Null, {}); }
    bool Bool(bool b) { return add_scalar(JsonValue::Kind::Bool, b ? "true" : "false"); }
    bool Int(int i) { return add_scalar(JsonValue::Kind::Number, std::to_string(i)); }
    bool Uint(unsigned u) { return add_scalar(JsonValue::Kind::Number, std::to_string(u)); }
    bool Int64(std::int64_t i) { return add_scalar(JsonValue::Kind::Number, std::to_string(i)); }
    bool Uint64(std::uint64_t u) { return add_scalar(JsonValue::Kind::Number, std::to_string(u)); }
    bool Double(double d) { return add_scalar(JsonValue::Kind::Number, std::to_string(d)); }
    bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
        return add_scalar(JsonValue::Kind::Number, std::string_view(s, n));
    }
    bool String(const char* s, rapidjson::SizeType n, bool) {
        return add_scalar(JsonValue::Kind::String, std::string_view(s, n));
    }
    bool Key(const char* s, rapidjson::SizeType n, bool) {
        key_.assign(s, n);
        return true;
    }
    bool StartObject() { return open(JsonValue::Kind::Object); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool StartArray() { return open(JsonValue::Kind::Array); }
    bool EndArray(rapidjson::SizeType) { return close(); }

  private:
    JsonValue* add(JsonValue::Kind kind, std::string_view text);
    bool add_scalar(JsonValue::Kind kind, std::string_view text) {
        return add(kind, text) != nullptr;
    }
    bool open(JsonValue::Kind kind);
    bool close();

    JsonValue root_;
    /// The containers still open, outermost first. Invariant: only the last one
    /// grows, so the pointers to the others (elements of their parents) stay valid.
    std::vector<JsonValue*> open_;
    std::string key_;
    bool started_ = false;
    bool too_deep_ = false;
};

/// Parses one complete JSON text (a JSONL line) into `out`. On failure returns
/// false and describes the error, with its byte offset, in `error`.
bool parse_json_text(std::string_view text, JsonValue& out, std::string& error);

/// Flags of every RapidJSON parse in the readers: numbers kept as text, an
/// explicit stack (no recursion on hostile nesting).
constexpr unsigned kJsonParseFlags =
    rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseIterativeFlag;

}  // namespace newsdex::readers
