package dev.factory.report;

import dev.factory.record.CompatibilityRecord;
import dev.factory.record.LoadedRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code compatibility.html}: the matrix as a page to look at. Self-contained (inline CSS, no scripts, no
 * fonts or images to fetch), colour-coded cells with a legend, a "needs attention" list at the top, and one
 * card per manifest. The same records give the same bytes (there is no "generated at" time; the page says
 * how recent its newest record is).
 */
public final class HtmlReport {
    /** Cell background of a pass (for screenshot checks): rgb(218, 251, 225). */
    public static final String PASS_BACKGROUND = "#dafbe1";
    /** Cell background of a fail: rgb(255, 235, 233). */
    public static final String FAIL_BACKGROUND = "#ffebe9";
    /** Cell background of an error: rgb(255, 248, 197). */
    public static final String ERROR_BACKGROUND = "#fff8c5";

    private static final String CSS = """
            :root{--pass:#1a7f37;--pass-bg:%s;--fail:#cf222e;--fail-bg:%s;--error:#9a6700;--error-bg:%s;\
            --none-bg:#f6f8fa;--line:#d0d7de;--text:#1f2328;--muted:#59636e;--link:#0969da}
            *{box-sizing:border-box}
            body{margin:0;background:#f6f8fa;color:var(--text);\
            font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif}
            a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}
            code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12px}
            .wrap{max-width:1240px;margin:0 auto;padding:0 28px}
            header.top{background:#1f2328;color:#fff;padding:22px 0 20px}
            header.top h1{margin:0 0 4px;font-size:24px;font-weight:650;letter-spacing:-.01em}
            header.top .meta{margin:0;color:#d1d9e0}
            .totals{display:flex;gap:10px;margin-top:14px;flex-wrap:wrap}
            .total{display:inline-flex;align-items:baseline;gap:6px;padding:5px 14px;border-radius:999px;font-weight:600}
            .total b{font-size:18px}
            .total.pass{background:var(--pass-bg);color:var(--pass)}
            .total.fail{background:var(--fail-bg);color:var(--fail)}
            .total.error{background:var(--error-bg);color:var(--error)}
            main{padding-top:22px;padding-bottom:40px}
            .box{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 20px;margin-bottom:18px}
            .box h2{margin:0 0 6px;font-size:15px}
            .box ul{margin:0;padding-left:20px}
            .box li{margin:2px 0}
            .attention{border-left:5px solid var(--fail)}
            .skipped{border-left:5px solid var(--error)}
            .legend{display:flex;gap:18px;flex-wrap:wrap;align-items:center;color:var(--muted);margin:0 0 18px;font-size:13px}
            .legend .sw{display:inline-block;width:14px;height:14px;border-radius:3px;vertical-align:-2px;margin-right:6px;\
            border-left:4px solid}
            .sw.pass{background:var(--pass-bg);border-color:var(--pass)}
            .sw.fail{background:var(--fail-bg);border-color:var(--fail)}
            .sw.error{background:var(--error-bg);border-color:var(--error)}
            .sw.none{background:var(--none-bg);border-color:var(--line)}
            section.manifest{background:#fff;border:1px solid var(--line);border-radius:10px;padding:18px 20px 14px;\
            margin-bottom:22px;box-shadow:0 1px 2px rgba(31,35,40,.06)}
            section.manifest h2{margin:0;font-size:20px}
            .sub{margin:2px 0 10px;color:var(--muted)}
            h3{margin:16px 0 4px;font-size:15px}
            .scroll{overflow-x:auto}
            table.matrix{border-collapse:separate;border-spacing:6px;margin:0 -6px}
            table.matrix th{font-weight:600;text-align:left;padding:4px 8px;white-space:nowrap}
            thead th{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em;border-bottom:2px solid var(--line)}
            thead th.platform{color:var(--text);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;\
            text-transform:none;letter-spacing:0;font-size:13px}
            tbody th{background:#f6f8fa;border-radius:6px;font-weight:600;vertical-align:middle}
            td.cell{min-width:200px;max-width:300px;padding:8px 11px;border-radius:6px;border-left:5px solid;vertical-align:top}
            td.pass{background:var(--pass-bg);border-color:var(--pass)}
            td.fail{background:var(--fail-bg);border-color:var(--fail)}
            td.error{background:var(--error-bg);border-color:var(--error)}
            td.none{background:var(--none-bg);border-color:var(--line);color:var(--muted);vertical-align:middle}
            .head{display:flex;justify-content:space-between;align-items:baseline;gap:10px}
            .status{font-weight:700;text-transform:uppercase;letter-spacing:.05em;font-size:13px}
            .pass .status{color:var(--pass)}.fail .status{color:var(--fail)}.error .status{color:var(--error)}
            .date{color:var(--muted);font-size:12px;white-space:nowrap}
            .detail{margin-top:2px;font-size:13px;overflow-wrap:anywhere}
            .foot{margin-top:6px;display:flex;align-items:center;gap:8px;font-size:12px;color:var(--muted);flex-wrap:wrap}
            .history{display:inline-flex;gap:2px}
            .history i{display:inline-block;width:8px;height:12px;border-radius:2px}
            .history i.pass{background:var(--pass)}.history i.fail{background:var(--fail)}.history i.error{background:#d4a72c}
            footer{color:var(--muted);font-size:12px;margin-top:8px}
            """
            .formatted(PASS_BACKGROUND, FAIL_BACKGROUND, ERROR_BACKGROUND);

    private HtmlReport() {}

    public static String render(CompatibilityMatrix matrix, List<LoadedRecords.Skipped> skipped, ReportLinks links) {
        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Compatibility matrix</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        header(s, matrix);
        s.append("<main class=\"wrap\">\n");
        attention(s, matrix);
        skipped(s, skipped);
        legend(s);
        if (matrix.recordCount() == 0) {
            s.append(
                    "<div class=\"box\"><h2>No records yet</h2><p>Run <code>mvn verify</code>: factory:record writes one "
                            + "record per variant and platform, and this page shows them.</p></div>\n");
        }
        for (CompatibilityMatrix.ManifestSection m : matrix.manifests()) {
            section(s, m, links);
        }
        s.append("<footer>Made by Factory's <code>factory:report</code> from compatibility records "
                + "(<code>factory.record/v1</code>). Cells show the newest record of each variant and platform; the bars, "
                + "its latest runs, oldest first.</footer>\n");
        s.append("</main>\n</body>\n</html>\n");
        return s.toString();
    }

    private static void header(StringBuilder s, CompatibilityMatrix matrix) {
        s.append("<header class=\"top\"><div class=\"wrap\">\n<h1>Compatibility matrix</h1>\n<p class=\"meta\">");
        if (matrix.recordCount() == 0) {
            s.append("No records");
        } else {
            s.append("As of ").append(MarkdownReport.MINUTE.format(matrix.asOf())).append(" · ")
                    .append(matrix.recordCount())
                    .append(matrix.recordCount() == 1 ? " record" : " records").append(" · ")
                    .append(matrix.manifests().size())
                    .append(matrix.manifests().size() == 1 ? " manifest" : " manifests");
        }
        s.append("</p>\n<div class=\"totals\">");
        Map<String, Integer> counts = matrix.cellCounts();
        for (String status : List.of(CompatibilityRecord.PASS, CompatibilityRecord.FAIL, CompatibilityRecord.ERROR)) {
            s.append("<span class=\"total ").append(status).append("\"><b>").append(counts.get(status)).append("</b>")
                    .append(status).append("</span>");
        }
        s.append("</div>\n</div></header>\n");
    }

    private static void attention(StringBuilder s, CompatibilityMatrix matrix) {
        List<String> items = new ArrayList<>();
        matrix.forEachCell((m, t, r, c) -> {
            if (!c.newest().record().passed()) {
                CompatibilityRecord rec = c.newest().record();
                items.add("<li><a href=\"#" + esc(m.anchor()) + "\">" + esc(m.manifestId()) + "</a> · "
                        + esc(variantLabel(r)) + " on <span class=\"mono\">" + esc(c.platform()) + "</span>: <b>"
                        + rec.status() + "</b> " + esc(summary(rec)) + "</li>");
            }
        });
        if (items.isEmpty()) {
            return;
        }
        s.append("<div class=\"box attention\"><h2>Needs attention (").append(items.size()).append(")</h2><ul>\n");
        items.forEach(i -> s.append(i).append('\n'));
        s.append("</ul></div>\n");
    }

    private static void skipped(StringBuilder s, List<LoadedRecords.Skipped> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        s.append("<div class=\"box skipped\"><h2>Skipped ").append(skipped.size())
                .append(skipped.size() == 1 ? " file that is" : " files that are")
                .append(" not a valid record</h2><ul>\n");
        for (LoadedRecords.Skipped k : skipped) {
            s.append("<li><code>").append(esc(k.source())).append("</code>: ").append(esc(k.reason()))
                    .append("</li>\n");
        }
        s.append("</ul></div>\n");
    }

    private static void legend(StringBuilder s) {
        s.append("<div class=\"legend\">")
                .append("<span><i class=\"sw pass\"></i>pass: every smoke test passed</span>")
                .append("<span><i class=\"sw fail\"></i>fail: a test failed or could not run</span>")
                .append("<span><i class=\"sw error\"></i>error: not built, or could not be tested</span>")
                .append("<span><i class=\"sw none\"></i>no record</span>")
                .append("</div>\n");
    }

    private static void section(StringBuilder s, CompatibilityMatrix.ManifestSection m, ReportLinks links) {
        s.append("<section class=\"manifest\" id=\"").append(esc(m.anchor())).append("\">\n<h2>")
                .append(esc(m.manifestId()))
                .append("</h2>\n<p class=\"sub\">manifest <span class=\"mono\" title=\"")
                .append(esc(m.manifestDigest()))
                .append("\">sha256:").append(MarkdownReport.shortDigest(m.manifestDigest(), 12)).append("</span>");
        if (m.earlierDigests() > 0) {
            s.append(" · older records cover ").append(m.earlierDigests()).append(" earlier version")
                    .append(m.earlierDigests() == 1 ? "" : "s");
        }
        if (m.plans().size() == 1) {
            CompatibilityMatrix.PlanTable t = m.plans().get(0);
            s.append(" · ").append(planLabel(t.plan())).append(" · ").append(dimensions(t));
        }
        s.append("</p>\n");
        for (CompatibilityMatrix.PlanTable t : m.plans()) {
            if (m.plans().size() > 1) {
                s.append("<h3>").append(planLabel(t.plan())).append(" <span class=\"sub\">· ").append(dimensions(t))
                        .append("</span></h3>\n");
            }
            table(s, t, links);
        }
        s.append("</section>\n");
    }

    private static String planLabel(String plan) {
        return plan == null ? "the manifest's own build" : "plan <b>" + esc(plan) + "</b>";
    }

    private static String dimensions(CompatibilityMatrix.PlanTable t) {
        return t.rows().size() + (t.rows().size() == 1 ? " variant" : " variants") + " × " + t.platforms().size()
                + (t.platforms().size() == 1 ? " platform" : " platforms");
    }

    private static void table(StringBuilder s, CompatibilityMatrix.PlanTable t, ReportLinks links) {
        s.append("<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr>");
        if (t.axes().isEmpty()) {
            s.append("<th>build</th>");
        }
        t.axes().forEach(a -> s.append("<th>").append(esc(a)).append("</th>"));
        t.platforms().forEach(p -> s.append("<th class=\"platform\">").append(esc(p)).append("</th>"));
        s.append("</tr></thead>\n<tbody>\n");
        for (CompatibilityMatrix.Row row : t.rows()) {
            s.append("<tr>");
            if (t.axes().isEmpty()) {
                s.append("<th scope=\"row\" class=\"mono\">").append(esc(row.build())).append("</th>");
            }
            for (String axis : t.axes()) {
                s.append("<th scope=\"row\">").append(esc(row.variant().getOrDefault(axis, "—"))).append("</th>");
            }
            for (String platform : t.platforms()) {
                CompatibilityMatrix.Cell cell = row.cells().get(platform);
                if (cell == null) {
                    s.append("<td class=\"cell none\">no record</td>");
                } else {
                    cell(s, cell, links);
                }
            }
            s.append("</tr>\n");
        }
        s.append("</tbody></table></div>\n");
    }

    private static void cell(StringBuilder s, CompatibilityMatrix.Cell cell, ReportLinks links) {
        LoadedRecords.Loaded newest = cell.newest();
        CompatibilityRecord r = newest.record();
        s.append("<td class=\"cell ").append(r.status()).append("\" title=\"").append(esc(tooltip(newest)))
                .append("\">");
        s.append("<div class=\"head\"><span class=\"status\">").append(mark(r.status())).append(' ').append(r.status())
                .append("</span><span class=\"date\">").append(MarkdownReport.DAY.format(r.created()))
                .append("</span></div>");
        s.append("<div class=\"detail\">");
        if (r.image().digest() != null) {
            s.append("<code>").append(MarkdownReport.shortDigest(r.image().digest(), 8)).append("</code> · ");
        }
        s.append(esc(summary(r))).append("</div>");
        s.append("<div class=\"foot\"><span class=\"history\">");
        for (String status : cell.recentStatuses()) {
            s.append("<i class=\"").append(status).append("\"></i>");
        }
        s.append("</span><span>").append(cell.runs()).append(cell.runs() == 1 ? " run" : " runs").append("</span>");
        String evidence = links.evidence(newest);
        if (evidence != null) {
            s.append("<a href=\"").append(esc(evidence)).append("\">evidence</a>");
        }
        String record = links.record(newest);
        if (record != null) {
            s.append("<a href=\"").append(esc(record)).append("\">record</a>");
        }
        s.append("</div></td>");
    }

    private static String mark(String status) {
        return switch (status) {
            case CompatibilityRecord.PASS -> "✓";
            case CompatibilityRecord.FAIL -> "✗";
            default -> "!";
        };
    }

    /** "12 tests", "2 of 14 failed", or why it is an error (its first note, cut short). */
    static String summary(CompatibilityRecord r) {
        return switch (r.status()) {
            case CompatibilityRecord.PASS -> r.tests().total() + (r.tests().total() == 1 ? " test" : " tests")
                    + (r.tests().skipped() > 0 ? " (" + r.tests().skipped() + " skipped)" : "");
            case CompatibilityRecord.FAIL -> r.tests().failed() + " of " + r.tests().total() + " failed";
            default -> r.notes().isEmpty() ? "error" : cut(r.notes().get(0), 90);
        };
    }

    private static String tooltip(LoadedRecords.Loaded l) {
        CompatibilityRecord r = l.record();
        StringBuilder t = new StringBuilder();
        t.append(r.build()).append(" on ").append(r.image().platform()).append(": ").append(r.status())
                .append("\nimage ").append(r.image().name())
                .append(r.image().digest() == null ? " (not built)" : "@" + r.image().digest())
                .append("\ncreated ").append(r.createdText());
        if (r.run() != null) {
            t.append(", run ").append(r.run());
        }
        if (r.source().commit() != null) {
            t.append("\ncommit ").append(r.source().commit())
                    .append(Boolean.TRUE.equals(r.source().dirty()) ? " (dirty)" : "");
        }
        r.notes().forEach(n -> t.append('\n').append(n));
        t.append("\nrecord ").append(l.source());
        return t.toString();
    }

    private static String variantLabel(CompatibilityMatrix.Row row) {
        if (row.variant().isEmpty()) {
            return row.build();
        }
        List<String> parts = new ArrayList<>();
        row.variant().forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    private static String cut(String text, int max) {
        String one = text.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n' -> out.append("&#10;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
