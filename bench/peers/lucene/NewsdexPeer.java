// Lucene 4.10 (Debian's liblucene4.10-java) as the reference peer of newsdex's
// side-by-side benchmark. Driven by bench/peers/lucene_peer.py, which compiles
// this file with plain javac, translates newsdex's queries and turns the raw
// latencies printed here into newsdex-bench's JSON report; so the statistics
// and the report schema live in one place (bench/peers/peerlib.py).
//
//   java NewsdexPeer index ARTICLES.jsonl INDEX_DIR [ANALYZER]
//   java NewsdexPeer query INDEX_DIR TRANSLATED.tsv WARMUP RUNS LIMIT SNIPPETS(0|1) SAMPLES_OUT
//                     [THREADS TASK_MS]
//   java NewsdexPeer run INDEX_DIR TOPICS.tsv LIMIT RUN_OUT
//
// ANALYZER (default "news", described below) picks a language's own
// analyzer with its defaults (stop words included), as a Lucene user of that
// language would configure it: ja JapaneseAnalyzer (kuromoji), ar
// ArabicAnalyzer, de GermanAnalyzer, no NorwegianAnalyzer, en
// EnglishAnalyzer. The choice is written into the index
// (newsdex-analyzer.txt), so query and run analyse with the same one.
// run: each TOPIC<TAB>TEXT line ('#' lines skipped) as typed in a search box:
// the text escaped (no syntax) and parsed by the classic QueryParser with
// its defaults (operator OR, no auto-generated phrases) over "text"; the top LIMIT ids written as a TREC
// run file (whitespace in an id becomes '_', as newsdex-bench writes docnos).
//
// Index: field "text" = title + body (EnglishAnalyzer: standard tokenizer,
// possessive filter, Porter stemming; its stop set emptied, as no other engine
// here drops words), the default field of the query parser, as Xapian's
// default field holds both; "title" analysed the same way (title:); "topic"
// keywords (topic:); "date" a LongField (ranges) and "date_dv" numeric doc
// values (sorting); id, title, body and date stored.
// BM25Similarity at index and query time. One segment at the end
// (forceMerge(1)), as newsdex merges its segments and FTS5 optimizes.
//
// Query: classic QueryParser (default field text, default operator AND, OR
// for class 'any', phrase queries for words the analyzer splits); date ranges
// and topics arrive lifted out as filters. Per hit the stored document is
// loaded; with snippets, Highlighter (QueryScorer, SimpleSpanFragmenter) picks
// 2 fragments of 120 characters from the body (newsdex: 2 within 240) and marks
// the whole title. Latency = wall time (System.nanoTime) of parse + search +
// loading the hits (+ highlighting), one thread, after WARMUP passes for the JIT.
//
// TRANSLATED.tsv: CLASS \t ANY(0|1) \t SORTED(0|1) \t DATE_LO \t DATE_HI \t TOPICS \t QUERY
// (DATE_* epoch seconds or empty; TOPICS comma-separated or empty; QUERY the
// classic-parser string or empty for a filter alone). SAMPLES_OUT lines:
// '#articles \t N'; '#skipped \t CLASS \t I \t WHY' for the I-th (0-based)
// query of CLASS that the parser rejects; then MODE(0|1) \t CLASS \t RUN \t MS
// \t TOTAL_HITS per sample, in the order newsdex-bench runs.
//
// THREADS > 1 adds newsdex-bench query --threads's measurement after the
// single-thread runs: THREADS threads, each with its own parsers and
// IndexSearcher over the one reader, warm up with every query once; then per
// run, mode and class (and 'all', every query) they start together, each runs
// the class's queries from its own offset, repeated so one thread works about
// TASK_MS; QPS = queries executed / wall time from the common start to the
// last thread's end. Lines: '#tqps \t MODE \t CLASS \t RUN \t QPS' and
// '#tlat \t MODE \t CLASS \t RUN \t MS,MS,...' (every latency under load).

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.util.CharArraySet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Filter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.NumericRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryWrapperFilter;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.NullFragmenter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

public final class NewsdexPeer {
    static final Version VERSION = Version.LUCENE_4_10_4;
    static final int FRAGMENT_CHARS = 120;
    static final int FRAGMENTS = 2;

    /** EnglishAnalyzer for text fields, keywords for topic; a position gap
     *  between the values of one field (title, body), so no phrase spans them. */
    static final class NewsAnalyzer extends AnalyzerWrapper {
        // No stop words: newsdex, Xapian's defaults and FTS5 index every word,
        // and the query sets' class 'common' exists to measure the cost of
        // the most frequent words; with its default stop set Lucene would
        // drop them and answer those queries with nothing, in no time.
        private final Analyzer text;
        private final Analyzer keyword = new KeywordAnalyzer();

        NewsAnalyzer(String name) {
            super(PER_FIELD_REUSE_STRATEGY);
            text = textAnalyzer(name);
        }

        static Analyzer textAnalyzer(String name) {
            switch (name) {
                case "news": return new EnglishAnalyzer(VERSION, CharArraySet.EMPTY_SET);
                case "en": return new EnglishAnalyzer(VERSION);
                case "ja": return new JapaneseAnalyzer();
                case "ar": return new ArabicAnalyzer(VERSION);
                case "de": return new GermanAnalyzer(VERSION);
                case "no": return new NorwegianAnalyzer(VERSION);
                default: throw new IllegalArgumentException("unknown analyzer " + name + " (news, en, ja, ar, de, no)");
            }
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String field) {
            return field.equals("topic") ? keyword : text;
        }

        @Override
        public int getPositionIncrementGap(String field) { return 100; }
    }

    public static void main(String[] args) throws Exception {
        if ((args.length == 3 || args.length == 4) && args[0].equals("index")) {
            index(args[1], args[2], args.length == 4 ? args[3] : "news");
        } else if (args.length == 5 && args[0].equals("run")) {
            run(args[1], args[2], Integer.parseInt(args[3]), args[4]);
        } else if ((args.length == 8 || args.length == 10) && args[0].equals("query")) {
            query(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                  Integer.parseInt(args[5]), args[6].equals("1"), args[7],
                  args.length == 10 ? Integer.parseInt(args[8]) : 1,
                  args.length == 10 ? Double.parseDouble(args[9]) : 50.0);
        } else {
            System.err.println("usage: NewsdexPeer index ARTICLES.jsonl INDEX_DIR [ANALYZER]\n"
                + "       NewsdexPeer query INDEX_DIR TRANSLATED.tsv WARMUP RUNS LIMIT SNIPPETS SAMPLES_OUT"
                + " [THREADS TASK_MS]\n"
                + "       NewsdexPeer run INDEX_DIR TOPICS.tsv LIMIT RUN_OUT");
            System.exit(2);
        }
    }

    // --- index ---------------------------------------------------------------

    /** Lines of the JSONL file go from the reading thread to the indexing threads in batches. */
    static final List<String> END = new ArrayList<>();

    // Indexes with LUCENE_INDEX_THREADS threads (default: all cores, as newsdex-index uses
    // all cores): one thread reads lines, each indexing thread parses its lines and calls
    // addDocument (IndexWriter is thread-safe; each thread fills its own in-memory segment).
    static final String ANALYZER_FILE = "newsdex-analyzer.txt";

    /** The analyzer an index was built with (its ANALYZER_FILE; "news" when absent). */
    static String analyzerOf(String dir) throws IOException {
        java.nio.file.Path p = Paths.get(dir, ANALYZER_FILE);
        return Files.exists(p) ? new String(Files.readAllBytes(p), StandardCharsets.UTF_8).trim() : "news";
    }

    static void index(String jsonl, String dir, String analyzerName) throws Exception {
        long started = System.nanoTime();
        String env = System.getenv("LUCENE_INDEX_THREADS");
        int threads = env == null || env.isEmpty() ? Runtime.getRuntime().availableProcessors()
                                                   : Integer.parseInt(env);
        Analyzer analyzer = new NewsAnalyzer(analyzerName);
        IndexWriterConfig config = new IndexWriterConfig(VERSION, analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setSimilarity(new BM25Similarity());
        config.setMaxThreadStates(Math.max(threads, 1));
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(new File(dir)), config);
             BufferedReader in = Files.newBufferedReader(Paths.get(jsonl), StandardCharsets.UTF_8)) {
            java.util.concurrent.BlockingQueue<List<String>> queue =
                new java.util.concurrent.ArrayBlockingQueue<>(16 * threads);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; ++t)
                workers.add(pool.submit(() -> {
                    for (List<String> batch = queue.take(); batch != END; batch = queue.take())
                        for (String line : batch) {
                            writer.addDocument(document(Json.parseObject(line)));
                            count.incrementAndGet();
                        }
                    return null;
                }));
            List<String> batch = new ArrayList<>();
            for (String line; (line = in.readLine()) != null;) {
                if (line.trim().isEmpty()) continue;
                batch.add(line);
                if (batch.size() == 64) { queue.put(batch); batch = new ArrayList<>(); }
            }
            if (!batch.isEmpty()) queue.put(batch);
            for (int t = 0; t < threads; ++t) queue.put(END);
            for (java.util.concurrent.Future<?> w : workers) w.get();
            pool.shutdown();
            writer.forceMerge(1);
        }
        System.err.printf("indexed %d articles in %.1f s with %d threads%n", count.get(),
                          (System.nanoTime() - started) / 1e9, threads);
    }

    static Document document(Map<String, Object> a) {
        String title = str(a.get("title")), body = str(a.get("body"));
        Document doc = new Document();
        doc.add(new StringField("id", str(a.get("id")), Field.Store.YES));
        doc.add(new TextField("title", title, Field.Store.YES));
        doc.add(new StoredField("body", body));
        doc.add(new TextField("text", title, Field.Store.NO));
        doc.add(new TextField("text", body, Field.Store.NO));
        Object topics = a.get("topics");
        if (topics instanceof List)
            for (Object t : (List<?>) topics)
                doc.add(new StringField("topic", str(t).toLowerCase(java.util.Locale.ROOT), Field.Store.NO));
        Object epoch = a.get("epoch");
        if (!(epoch instanceof Number)) epoch = epochOf(a.get("date"));
        if (epoch instanceof Number) {
            long e = ((Number) epoch).longValue();
            doc.add(new LongField("date", e, Field.Store.YES));
            doc.add(new NumericDocValuesField("date_dv", e));
        }
        return doc;
    }

    static String str(Object o) { return o == null ? "" : o.toString(); }

    /** Epoch seconds of an ISO 8601 "date" (what newsdex-bench gen-corpus and
     *  JSONL corpora carry; the export adds "epoch" itself): a full timestamp
     *  with zone, or a day (its start, UTC). null when absent or unreadable,
     *  so the article is undated, as newsdex leaves it. */
    static Long epochOf(Object date) {
        if (!(date instanceof String) || ((String) date).isEmpty()) return null;
        String d = (String) date;
        try {
            return java.time.OffsetDateTime.parse(d).toEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(d).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
            } catch (java.time.format.DateTimeParseException e2) {
                return null;
            }
        }
    }

    // --- query ---------------------------------------------------------------

    static final class Prepared {
        String cls;
        boolean any, sorted;
        Long lo, hi;
        List<String> topics = new ArrayList<>();
        String text;
    }

    static void query(String dir, String translated, int warmup, int runs, int limit, boolean snippets,
                      String samplesOut, int threads, double taskMs) throws Exception {
        Map<String, List<Prepared>> classes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Paths.get(translated), StandardCharsets.UTF_8)) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t", -1);
            Prepared p = new Prepared();
            p.cls = f[0];
            p.any = f[1].equals("1");
            p.sorted = f[2].equals("1");
            p.lo = f[3].isEmpty() ? null : Long.valueOf(f[3]);
            p.hi = f[4].isEmpty() ? null : Long.valueOf(f[4]);
            if (!f[5].isEmpty()) for (String t : f[5].split(",")) p.topics.add(t);
            p.text = f[6];
            classes.computeIfAbsent(p.cls, k -> new ArrayList<>()).add(p);
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(new File(dir)));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Paths.get(samplesOut), StandardCharsets.UTF_8))) {
            Engine engine = new Engine(reader, limit, analyzerOf(dir));
            out.printf("#articles\t%d%n", reader.numDocs());
            // A query the parser rejects is reported and left out before
            // anything is timed, never met in the middle of a run.
            for (Map.Entry<String, List<Prepared>> c : classes.entrySet()) {
                List<Prepared> kept = new ArrayList<>();
                for (int i = 0; i < c.getValue().size(); ++i) {
                    Prepared p = c.getValue().get(i);
                    try {
                        if (!p.text.isEmpty()) (p.any ? engine.or : engine.and).parse(p.text);
                        kept.add(p);
                    } catch (ParseException e) {
                        String why = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
                        out.printf("#skipped\t%s\t%d\tLucene QueryParser: %s%n", c.getKey(), i, why);
                    }
                }
                c.setValue(kept);
            }
            boolean[] modes = snippets ? new boolean[] {false, true} : new boolean[] {false};
            for (int w = 0; w < warmup; ++w)
                for (boolean m : modes)
                    for (List<Prepared> list : classes.values())
                        for (Prepared p : list) engine.search(p, m);
            // Mean single-thread latency of each mode's classes in the first run,
            // which sizes the threaded tasks as newsdex-bench does.
            Map<String, double[]> firstRun = new LinkedHashMap<>();  // MODE:CLASS -> {sum ms, count}
            for (int run = 0; run < runs; ++run)
                for (boolean m : modes)
                    for (Map.Entry<String, List<Prepared>> c : classes.entrySet())
                        for (Prepared p : c.getValue()) {
                            long t0 = System.nanoTime();
                            int hits = engine.search(p, m);
                            double ms = (System.nanoTime() - t0) / 1e6;
                            out.printf("%d\t%s\t%d\t%.6f\t%d%n", m ? 1 : 0, c.getKey(), run, ms, hits);
                            if (run == 0)
                                for (String key : new String[] {(m ? 1 : 0) + ":" + c.getKey(), (m ? 1 : 0) + ":"}) {
                                    double[] e = firstRun.computeIfAbsent(key, k -> new double[2]);
                                    e[0] += ms;
                                    e[1] += 1;
                                }
                        }
            if (threads > 1) threaded(reader, analyzerOf(dir), limit, classes, modes, runs, threads, taskMs, firstRun, out);
        }
    }

    /** The threaded QPS measurement described at the top of this file. */
    static void threaded(DirectoryReader reader, String analyzerName, int limit, Map<String, List<Prepared>> classes,
                         boolean[] modes, int runs, int threads, double taskMs, Map<String, double[]> firstRun,
                         PrintWriter out) throws Exception {
        List<Engine> engines = new ArrayList<>();  // QueryParser is not thread-safe: one Engine per thread
        for (int t = 0; t < threads; ++t) engines.add(new Engine(reader, limit, analyzerName));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<Prepared> everything = new ArrayList<>();
            for (List<Prepared> list : classes.values()) everything.addAll(list);
            for (boolean m : modes) team(pool, engines, everything, m, 1, new ArrayList<>());  // warm-up
            for (int run = 0; run < runs; ++run)
                for (boolean m : modes) {
                    Map<String, List<Prepared>> lists = new LinkedHashMap<>(classes);
                    lists.put("all", everything);
                    for (Map.Entry<String, List<Prepared>> c : lists.entrySet()) {
                        List<Prepared> list = c.getValue();
                        if (list.isEmpty()) continue;
                        double[] first = firstRun.get((m ? 1 : 0) + ":" + (c.getKey().equals("all") ? "" : c.getKey()));
                        double mean = first == null || first[1] == 0 ? 0 : first[0] / first[1];
                        int repeat = (int) Math.max(1, Math.ceil(taskMs / Math.max(mean * list.size(), 1e-3)));
                        List<Double> samples = new ArrayList<>();
                        double wallMs = team(pool, engines, list, m, repeat, samples);
                        out.printf("#tqps\t%d\t%s\t%d\t%.6f%n", m ? 1 : 0, c.getKey(), run,
                                   (double) threads * list.size() * repeat * 1000.0 / wallMs);
                        StringBuilder b = new StringBuilder();
                        for (double ms : samples) b.append(b.length() == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.6f", ms));
                        out.printf("#tlat\t%d\t%s\t%d\t%s%n", m ? 1 : 0, c.getKey(), run, b);
                    }
                }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every engine's thread runs `list` `repeat` times from its own offset,
     *  all released together; returns ms from the release to the last finish. */
    static double team(java.util.concurrent.ExecutorService pool, List<Engine> engines, List<Prepared> list,
                       boolean snippets, int repeat, List<Double> samples) throws Exception {
        int threads = engines.size(), n = list.size();
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(threads);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<double[]>> parts = new ArrayList<>();
        for (int t = 0; t < threads; ++t) {
            final Engine engine = engines.get(t);
            final int offset = t * n / threads;
            parts.add(pool.submit(() -> {
                double[] ms = new double[n * repeat];
                ready.countDown();
                go.await();
                for (int r = 0, k = 0; r < repeat; ++r)
                    for (int i = 0; i < n; ++i, ++k) {
                        long t0 = System.nanoTime();
                        engine.search(list.get((i + offset) % n), snippets);
                        ms[k] = (System.nanoTime() - t0) / 1e6;
                    }
                return ms;
            }));
        }
        ready.await();
        long started = System.nanoTime();
        go.countDown();
        for (java.util.concurrent.Future<double[]> part : parts)
            for (double ms : part.get()) samples.add(ms);
        return (System.nanoTime() - started) / 1e6;
    }

    static void run(String dir, String topics, int limit, String runOut) throws Exception {
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(new File(dir)));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Paths.get(runOut), StandardCharsets.UTF_8))) {
            Engine engine = new Engine(reader, limit, analyzerOf(dir));
            // The classic parser as shipped (OR, no auto-generated phrases:
            // Lucene's default, and the setting its documentation asks for
            // with CJK, where a run of characters becomes several tokens).
            QueryParser parser = new QueryParser(VERSION, "text", engine.analyzer);
            for (String line : Files.readAllLines(Paths.get(topics), StandardCharsets.UTF_8)) {
                if (line.trim().isEmpty() || line.trim().startsWith("#")) continue;
                String[] f = line.split("\t", 2);
                if (f.length < 2) throw new IllegalArgumentException(topics + ": no tab in: " + line);
                Query query = parser.parse(QueryParser.escape(f[1].trim()));
                TopDocs top = engine.searcher.search(query, limit);
                int rank = 0;
                for (ScoreDoc sd : top.scoreDocs) {
                    String id = engine.searcher.doc(sd.doc).get("id").replaceAll("\\s", "_");
                    out.printf(java.util.Locale.ROOT, "%s Q0 %s %d %.6f lucene%n", f[0].trim(), id, ++rank, sd.score);
                }
            }
        }
    }

    /** One searcher, one parser per default operator, reused across queries
     *  (as newsdex-bench reuses one Searcher). */
    static final class Engine {
        final IndexSearcher searcher;
        final Analyzer analyzer;
        final QueryParser and, or;
        final int limit;
        final Sort newest = new Sort(new SortField("date_dv", SortField.Type.LONG, true), SortField.FIELD_SCORE);
        long sink;  // keeps the JIT from dropping work whose result is unused

        Engine(DirectoryReader reader, int limit, String analyzerName) {
            analyzer = new NewsAnalyzer(analyzerName);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            and = parser(QueryParser.Operator.AND);
            or = parser(QueryParser.Operator.OR);
            this.limit = limit;
        }

        QueryParser parser(QueryParser.Operator op) {
            QueryParser p = new QueryParser(VERSION, "text", analyzer);
            p.setDefaultOperator(op);
            p.setAutoGeneratePhraseQueries(true);
            return p;
        }

        /** Returns the total hit count (exact in Lucene). */
        int search(Prepared p, boolean snippets) throws IOException, ParseException, InvalidTokenOffsetsException {
            Query query = p.text.isEmpty() ? new MatchAllDocsQuery() : (p.any ? or : and).parse(p.text);
            Filter filter = null;
            if (p.lo != null || p.hi != null || !p.topics.isEmpty()) {
                BooleanQuery all = new BooleanQuery();
                if (p.lo != null || p.hi != null)
                    all.add(NumericRangeQuery.newLongRange("date", p.lo, p.hi, true, true), BooleanClause.Occur.MUST);
                for (String t : p.topics) all.add(new TermQuery(new Term("topic", t)), BooleanClause.Occur.MUST);
                filter = new QueryWrapperFilter(all);
            }
            TopDocs top = p.sorted ? searcher.search(query, filter, limit, newest) : searcher.search(query, filter, limit);
            Highlighter body = null, title = null;
            if (snippets) {
                QueryScorer scorer = new QueryScorer(query);
                body = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), scorer);
                body.setTextFragmenter(new SimpleSpanFragmenter(scorer, FRAGMENT_CHARS));
                title = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new QueryScorer(query));
                title.setTextFragmenter(new NullFragmenter());
            }
            for (ScoreDoc sd : top.scoreDocs) {
                Document doc = searcher.doc(sd.doc);
                String t = doc.get("title");
                sink += t == null ? 0 : t.length();
                if (snippets) {
                    String text = doc.get("body");
                    if (text != null) {
                        String[] frags = body.getBestFragments(analyzer, "text", text, FRAGMENTS);
                        sink += frags.length;
                    }
                    if (t != null) {
                        String marked = title.getBestFragment(analyzer, "text", t);
                        sink += marked == null ? 0 : marked.length();
                    }
                }
            }
            return top.totalHits;
        }
    }

    // --- a minimal JSON reader: the export's flat objects ------------------------

    static final class Json {
        private final String s;
        private int i;

        private Json(String s) { this.s = s; }

        @SuppressWarnings("unchecked")
        static Map<String, Object> parseObject(String line) {
            Object v = new Json(line).value();
            if (!(v instanceof Map)) throw new IllegalArgumentException("not a JSON object: " + line);
            return (Map<String, Object>) v;
        }

        private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) ++i; }

        private Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                ++i;
                ws();
                if (s.charAt(i) == '}') { ++i; return m; }
                for (;;) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                    if (s.charAt(i) == ',') { ++i; continue; }
                    expect('}');
                    return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                ++i;
                ws();
                if (s.charAt(i) == ']') { ++i; return l; }
                for (;;) {
                    l.add(value());
                    ws();
                    if (s.charAt(i) == ',') { ++i; continue; }
                    expect(']');
                    return l;
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) ++i;
            String num = s.substring(start, i);
            if (num.isEmpty()) throw new IllegalArgumentException("bad JSON at " + start);
            if (num.matches("-?\\d+")) return Long.valueOf(num);
            return Double.valueOf(num);
        }

        private void expect(char c) {
            if (s.charAt(i) != c) throw new IllegalArgumentException("expected '" + c + "' at " + i);
            ++i;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            for (;;) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: b.append(e);  // \" \\ \/
                }
            }
        }
    }
}
