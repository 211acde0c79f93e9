#include <gtest/gtest.h>

#include "errors.h"
#include "stored_fields.h"
#include "terms.h"

namespace newsdex {
namespace {

TEST(StoredFields, RoundTripsEveryField) {
    Article a;
    a.id = "business/001.txt";
    a.collection = "bbc";
    a.title = "Ad sales boost";
    a.body = std::string("body with \x1f separators? no: plain text \xC3\xA9");
    a.date = -86400 * 365;  // before the epoch: negative values survive
    a.source = "BBC";
    a.url = "https://example.org/a";
    a.authors = {"A. Writer", "B. Reporter"};
    a.topics = {"earn", "acq"};
    a.places = {"usa"};
    a.lang = "en";
    Article b = decode_stored_fields(encode_stored_fields(a));
    EXPECT_EQ(b.id, a.id);
    EXPECT_EQ(b.collection, a.collection);
    EXPECT_EQ(b.title, a.title);
    EXPECT_EQ(b.body, a.body);
    EXPECT_EQ(b.date, a.date);
    EXPECT_EQ(b.source, a.source);
    EXPECT_EQ(b.url, a.url);
    EXPECT_EQ(b.authors, a.authors);
    EXPECT_EQ(b.topics, a.topics);
    EXPECT_EQ(b.places, a.places);
    EXPECT_EQ(b.lang, a.lang);
}

TEST(StoredFields, AbsentFieldsStayAbsent) {
    Article a;
    a.id = "x";
    Article b = decode_stored_fields(encode_stored_fields(a));
    EXPECT_FALSE(b.date.has_value());
    EXPECT_TRUE(b.title.empty());
    EXPECT_TRUE(b.authors.empty());
}

TEST(StoredFields, ForeignDataIsAnErrorNotGarbage) {
    EXPECT_THROW(decode_stored_fields(""), Error);
    EXPECT_THROW(decode_stored_fields("{\"json\":1}"), Error);
    Article a;
    a.id = "abc";
    a.title = "title";
    std::string truncated = encode_stored_fields(a);
    truncated.resize(truncated.size() - 2);
    EXPECT_THROW(decode_stored_fields(truncated), Error);
}

TEST(UniqueTerm, CombinesCollectionAndId) {
    EXPECT_EQ(unique_term("reuters", "17980"),
              "Q17980\x1f"
              "reuters");
    EXPECT_EQ(unique_id_prefix("17980"), "Q17980\x1f");
    EXPECT_EQ(unique_term("reuters", "17980").rfind(unique_id_prefix("17980"), 0), 0u);
}

TEST(UniqueTerm, LongIdsAreHashedStablyWithinXapianLimit) {
    std::string long_id(400, 'p');
    std::string t1 = unique_term("bbc", long_id);
    std::string t2 = unique_term("bbc", long_id + "q");
    EXPECT_LE(t1.size(), 240u);
    EXPECT_NE(t1, t2);
    EXPECT_EQ(t1, unique_term("bbc", long_id));
}

}  // namespace
}  // namespace newsdex
