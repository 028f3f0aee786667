/// The site's one stylesheet and the index's filter script: written beside the pages, never fetched
/// from anywhere else.
enum SiteAssets {
    static let stylesheet = """
        :root { color-scheme: light dark; --fg: #1d1f21; --muted: #5c6166; --bg: #fff; --panel: #f5f6f7; --line: #d8dadd;
          --accent: #0b5cad; --you: #eef5ff; --err: #a4161a; --err-bg: #fff1f0; --ok: #1b6e3a; --code: #f0f1f2; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6e6e6; --muted: #a0a6ad; --bg: #16181b; --panel: #1e2125; --line: #363a40; --accent: #7fb5ff;
            --you: #1b2636; --err: #ff8a80; --err-bg: #2e1a1a; --ok: #8fd19e; --code: #23272c; }
        }
        * { box-sizing: border-box; }
        [hidden] { display: none !important; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; color: var(--fg); background: var(--bg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 60rem; margin: 0 auto; padding: 0 1rem 3rem; }
        header.site, footer.site { max-width: 60rem; margin: 0 auto; padding: .5rem 1rem; color: var(--muted); font-size: .9rem; }
        footer.site { border-top: 1px solid var(--line); margin-top: 2rem; }
        a { color: var(--accent); }
        a:focus-visible, summary:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem; }
        .skip:focus { left: .5rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 1rem 0 .5rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
        h3, h4, h5, h6 { font-size: 1rem; margin: 0 0 .4rem; }
        code, pre, kbd { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .875rem; }
        code { background: var(--code); padding: 0 .2em; border-radius: 3px; overflow-wrap: anywhere; }
        pre { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: .5rem .75rem; overflow-x: auto;
          white-space: pre-wrap; overflow-wrap: anywhere; max-height: 40rem; overflow-y: auto; }
        pre code { background: none; padding: 0; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        .meta, .when, .model, .tokens, .state { color: var(--muted); font-weight: normal; font-size: .875rem; }
        .model, .tokens { margin-left: .4rem; }
        .msg { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; margin: .8rem 0; }
        .msg.you { background: var(--you); }
        .msg.agent { border-style: dashed; }
        .typed { white-space: pre-wrap; overflow-wrap: anywhere; }
        blockquote { margin: .4rem 0; padding: .2rem .8rem; border-left: 4px solid var(--line); }
        .prose p { margin: .4rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
        details { margin: .4rem 0; }
        summary { cursor: pointer; color: var(--muted); }
        details[open] > summary { margin-bottom: .3rem; }
        .tool { border-left: 3px solid var(--line); padding-left: .6rem; margin: .5rem 0; }
        .tool .call { margin: .2rem 0; }
        .tool-name { font-weight: 600; }
        .rejected { border-left: 4px solid var(--err); background: var(--err-bg); padding: .3rem .6rem; margin: .4rem 0; }
        .rejected p { margin: .2rem 0; }
        .error-label { color: var(--err); margin: .3rem 0 .1rem; }
        pre.error { border-color: var(--err); background: var(--err-bg); }
        pre.diff del { color: var(--err); text-decoration: none; display: block; }
        pre.diff ins { color: var(--ok); text-decoration: none; display: block; }
        .todos ul { list-style: none; padding-left: .5rem; margin: .2rem 0; }
        .todos li.done { color: var(--muted); }
        .todos li.doing { font-weight: 600; }
        .nested { border-left: 2px dotted var(--line); padding-left: .6rem; }
        .image img { max-width: 100%; height: auto; border: 1px solid var(--line); }
        .image { color: var(--muted); font-size: .875rem; overflow-wrap: anywhere; }
        .notice { color: var(--muted); font-style: italic; }
        .note { color: var(--muted); }
        .commit-mark { border-top: 2px solid var(--accent); margin: 1rem 0; padding-top: .3rem; font-size: .9rem; }
        .compaction { border-top: 2px dashed var(--line); margin: 1rem 0; padding-top: .4rem; }
        nav.pages { margin: 1rem 0; display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
        nav.pages a, nav.pages [aria-current] { padding: .1rem .5rem; border: 1px solid var(--line); border-radius: 4px; }
        nav.pages [aria-current] { font-weight: 600; }
        nav.toc ol { padding-left: 1.5rem; }
        nav.toc li { margin: .15rem 0; overflow-wrap: anywhere; }
        ul.commits { padding-left: 1.2rem; }
        ul.commits li { margin: .2rem 0; overflow-wrap: anywhere; }
        form.filter { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: 1rem 0; }
        form.filter input, form.filter select { font: inherit; padding: .2rem .4rem; }
        table.sessions { border-collapse: collapse; width: 100%; font-size: .9rem; }
        table.sessions th, table.sessions td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
        table.sessions td.num, table.sessions th.num { text-align: right; white-space: nowrap; }
        table.sessions td { overflow-wrap: anywhere; }
        .source { font-size: .8rem; color: var(--muted); }
        .figures { display: flex; flex-wrap: wrap; gap: .3rem 1.5rem; }
        @media (max-width: 40rem) {
          body { font-size: 15px; }
          main { padding: 0 .6rem 2rem; }
          dl.facts { grid-template-columns: 1fr; }
          dl.facts dd { margin-bottom: .3rem; }
          table.sessions thead { position: absolute; left: -999px; }
          table.sessions, table.sessions tbody, table.sessions tr, table.sessions td { display: block; width: 100%; }
          table.sessions tr { border: 1px solid var(--line); border-radius: 6px; margin: .6rem 0; padding: .3rem; }
          table.sessions td { border: none; padding: .1rem .3rem; text-align: left !important; }
          table.sessions td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
          .msg { padding: .5rem; }
        }
        @media print {
          :root { --fg: #000; --bg: #fff; --panel: #fff; --you: #fff; --code: #fff; --err-bg: #fff; }
          header.site, .skip, form.filter, nav.pages, footer.site { display: none; }
          main { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
          pre { max-height: none; overflow: visible; white-space: pre-wrap; }
          .msg, pre, .tool { break-inside: avoid-page; }
          details > summary { list-style: none; }
        }

        """

    static let filterScript = """
        // The index's filter: shows the rows whose text holds every word typed and whose source is the one
        // chosen. Without JavaScript the form stays hidden and every row shows.
        (function () {
          var form = document.getElementById('filter');
          var table = document.getElementById('sessions');
          if (!form || !table) { return; }
          var query = document.getElementById('filter-text');
          var source = document.getElementById('filter-source');
          var shown = document.getElementById('filter-count');
          var rows = Array.prototype.slice.call(table.tBodies[0].rows);
          var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
          function apply() {
            var words = query.value.toLowerCase().split(/\\s+/).filter(Boolean);
            var wanted = source.value;
            var count = 0;
            rows.forEach(function (row, i) {
              var ok = (!wanted || row.getAttribute('data-source') === wanted) &&
                words.every(function (word) { return texts[i].indexOf(word) >= 0; });
              row.hidden = !ok;
              if (ok) { count += 1; }
            });
            shown.textContent = count + ' of ' + rows.length + ' sessions shown';
          }
          form.addEventListener('input', apply);
          form.addEventListener('submit', function (event) { event.preventDefault(); });
          form.hidden = false;
          document.documentElement.classList.add('js');
          apply();
        })();

        """
}
