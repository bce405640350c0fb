package io.edgemlops.render;

/**
 * The report's one inline style sheet: the page (header, table of contents, section cards, tables, code), then
 * {@link FragmentStyle#CSS}, the fragments' own rules, which the Jenkins build page uses too; so a fragment reads the
 * same in both, with the report's typography around it. Tables carry Jenkins' {@code jenkins-table} class, which
 * Jenkins draws itself, and {@code emo-table}, drawn here. No fonts, images or imports: the page opens offline.
 */
final class ReportStyle {

    private ReportStyle() {
    }

    static final String CSS = page() + FragmentStyle.CSS;

    private static String page() {
        return """
            :root{--fg:#1d2330;--muted:#5b6475;--line:#dde1e8;--band:#f5f7fa;--accent:#1f5fae;
              --success-color:#1e7d32;--error-color:#c62828;--warning-color:#b26a00;
              --accent-color:#1f5fae}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
              color:var(--fg);background:#fff}
            header.emo-top{background:linear-gradient(90deg,#163a6b,#1f5fae);color:#fff;padding:28px 40px 22px}
            header.emo-top h1{margin:0 0 4px;font-size:28px;font-weight:650;letter-spacing:.2px}
            header.emo-top p{margin:0;opacity:.88}
            .emo-layout{display:flex;align-items:flex-start;gap:32px;max-width:1280px;margin:0 auto;padding:24px 40px}
            nav.emo-toc{position:sticky;top:16px;flex:0 0 240px;font-size:14px;border-left:3px solid var(--line);
              padding:4px 0 4px 14px}
            nav.emo-toc h2{font-size:13px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0 0 8px}
            nav.emo-toc ol{margin:0;padding-left:18px}
            nav.emo-toc li{margin:3px 0}
            nav.emo-toc a{color:var(--accent);text-decoration:none}
            nav.emo-toc a:hover{text-decoration:underline}
            main{flex:1;min-width:0}
            section.emo-part{margin:0 0 36px}
            section.emo-part>h2{font-size:22px;margin:0 0 14px;padding-bottom:6px;border-bottom:2px solid var(--line)}
            section.emo-block{border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin:0 0 18px;
              background:#fff;box-shadow:0 1px 2px rgba(20,30,50,.05)}
            section.emo-block h2.emo-heading{font-size:17px;margin:0 0 10px}
            section.emo-block h3{font-size:15px;margin:16px 0 6px;color:var(--muted)}
            table.emo-table{border-collapse:collapse;margin:8px 0 12px;font-size:14px;min-width:40%}
            table.emo-table th,table.emo-table td{border-bottom:1px solid var(--line);padding:5px 12px 5px 0;
              text-align:left;vertical-align:top}
            table.emo-table thead th{color:var(--muted);font-weight:600;border-bottom:2px solid var(--line)}
            table.emo-table tbody th{font-weight:600;white-space:nowrap}
            table.emo-table tbody tr:hover{background:var(--band)}
            ul.emo-facts,ul.emo-reasons{margin:6px 0 10px;padding-left:20px}
            ul.emo-facts li,ul.emo-reasons li{margin:2px 0}
            .emo-reason{margin:6px 0}
            code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--band);
              padding:1px 4px;border-radius:3px;word-break:break-all}
            .emo-note{font-size:13px}
            figure.emo-chart svg{background:var(--band);border-radius:6px}
            footer.emo-foot{max-width:1280px;margin:0 auto;padding:8px 40px 32px;color:var(--muted);font-size:13px}
            @media (max-width:900px){.emo-layout{display:block;padding:16px}nav.emo-toc{position:static;margin-bottom:20px}}
            @media print{nav.emo-toc{display:none}section.emo-block{break-inside:avoid}}
            """;
    }
}
