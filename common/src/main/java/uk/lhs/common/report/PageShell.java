package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;

import java.util.List;

/**
 * The HTML document around the dashboard's sections: one self-contained file (inline CSS, no script, no external
 * resource), a skip link, a keyboard-reachable navigation bar, visible focus, and an A4 print layout.
 */
public final class PageShell {
    private PageShell() {}

    /**
     * A navigation entry: a fragment id in this page, or another page of the dashboard (a name ending in
     * {@code .html}, optionally with a fragment), and its label.
     */
    public record NavItem(String anchor, String label) {
        /** The link target: {@code #anchor}, or the other page's name as given. */
        String href() {
            return anchor.contains(".html") ? anchor : "#" + Html.anchor(anchor);
        }
    }

    /** NHS-style, high-contrast styles; print rules put each section on its own A4 page. */
    static final String CSS = """
      *{box-sizing:border-box}
      body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#212b32;background:#fff;line-height:1.45}
      a{color:#005eb8}a:visited{color:#330072}
      a:focus,[tabindex]:focus{outline:3px solid #ffb81c;outline-offset:1px;background:#ffeb3b;color:#212b32}
      .skip{position:absolute;left:-9999px;top:0;padding:8px;background:#ffeb3b;color:#212b32;z-index:9}
      .skip:focus{left:8px}
      header{background:#005eb8;color:#fff;padding:12px 24px}
      header h1{margin:0;font-size:1.5rem}header p{margin:4px 0 0}
      nav{background:#f0f4f5;border-bottom:1px solid #d8dde0;padding:6px 24px}
      nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 18px}
      main{padding:8px 24px 32px;max-width:1200px}
      section{border-top:2px solid #d8dde0;margin-top:24px;padding-top:8px}
      h2{font-size:1.35rem}h3{font-size:1.1rem;margin-bottom:4px}
      table{border-collapse:collapse;margin:8px 0;font-size:.9rem}
      caption{text-align:left;font-weight:bold;padding:4px 0}
      th,td{border:1px solid #d8dde0;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f0f4f5}td.num{text-align:right;font-variant-numeric:tabular-nums}
      .matrix td{text-align:center;min-width:110px}.matrix td a{display:block;text-decoration:none;color:#212b32}
      .matrix td a:hover{background:#f0f4f5}.icons{white-space:nowrap}
      svg.icon{vertical-align:middle;margin:1px}svg.chart{width:100%;max-width:720px;height:auto;display:block}
      figure{margin:8px 0 16px}figcaption{font-size:.85rem}
      .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:.85rem}
      .sw{display:inline-block;width:12px;height:12px;border-radius:6px;vertical-align:middle;margin-right:4px}
      .warn{background:#fff9c4;border-left:4px solid #b25000;padding:6px 10px}
      .statement{font-size:1.05rem;border-left:4px solid #005eb8;padding:6px 10px;background:#f0f4f5}
      .sev-critical,.sev-error{color:#8a1538;font-weight:bold}.sev-warning{color:#8a4b00;font-weight:bold}
      .no-icon{font-size:.75rem;color:#4c6272}.small{font-size:.85rem;color:#4c6272}
      pre{white-space:pre-wrap;word-break:break-all;font-size:.8rem;margin:0}
      @page{size:A4;margin:15mm}
      @media print{nav,.skip{display:none}header{background:none;color:#212b32;padding:0}
        main{padding:0;max-width:none}section{page-break-before:always;border:0}
        .series{page-break-inside:avoid}a{color:#212b32;text-decoration:none}
        svg.chart{max-width:180mm}table{font-size:8pt}}
      """;

    /**
     * The whole document.
     *
     * @param title the page title
     * @param subtitle a line under the title
     * @param nav navigation entries
     * @param body the sections (already HTML)
     */
    public static String page(String title, String subtitle, List<NavItem> nav, String body) {
        return page(title, subtitle, nav, body, "");
    }

    /**
     * The whole document with page-specific styles after the common ones.
     *
     * @param css extra CSS rules (generated, never from data)
     */
    public static String page(String title, String subtitle, List<NavItem> nav, String body, String css) {
        StringBuilder sb = new StringBuilder(body.length() + 4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                // An empty inline icon, so no browser asks the file system or a server for favicon.ico.
                .append("<link rel=\"icon\" href=\"data:,\">")
                .append("<title>")
                .append(esc(title))
                .append("</title><style>")
                .append(CSS)
                .append(css)
                .append("</style></head><body>")
                .append("<a class=\"skip\" href=\"#main\">Skip to main content</a><header><h1>")
                .append(esc(title))
                .append("</h1><p>")
                .append(esc(subtitle))
                .append("</p></header>");
        if (!nav.isEmpty()) {
            sb.append("<nav aria-label=\"Sections\"><ul>");
            for (NavItem n : nav) {
                sb.append("<li><a href=\"")
                        .append(esc(n.href()))
                        .append("\">")
                        .append(esc(n.label()))
                        .append("</a></li>");
            }
            sb.append("</ul></nav>");
        }
        sb.append("<main id=\"main\" tabindex=\"-1\">").append(body).append("</main></body></html>\n");
        return sb.toString();
    }
}
