/// What a run's report and the results site share: a self-contained document head (a strict Content Security
/// Policy: inline style and script only, no network), and the script helpers that keep the filters in the URL's hash.
enum HTMLPage {
    /// From `<!DOCTYPE html>` to `<body>` (inclusive).
    static func head(title: String, css: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; \
        script-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLEscaping.escape(title))</title>
        <style>\(css)</style>
        </head>
        <body>

        """
    }

    /// The style both pages start with: the status colours, the font and the headings.
    static let baseCSS = """
        :root{--ok:#1e7e34;--unsupported:#8a9199;--failed:#c82333;--timeout:#d9480f;--error:#6f42c1;--line:#dee2e6}
        *{box-sizing:border-box}
        body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#212529}
        header,main,nav{padding:0 16px}
        h1{font-size:22px;margin:12px 0 6px}
        h2{font-size:17px;margin:18px 0 6px}
        """

    /// `listParam(params, name)`: a comma-separated hash parameter as a list (`null` when absent, so "all");
    /// `replaceHash(params)`: the hash set without adding a history entry; `selected(list, name)`: whether a filter
    /// list lets `name` through.
    /// (Its first line has no indentation of its own: it takes the indentation of the line it is interpolated in.)
    static let hashStateJS = """
        function listParam(params, name) {
            var value = params.get(name);
            return value === null ? null : value.split(",").filter(function (x) { return x !== ""; });
          }

          function replaceHash(params) {
            var hash = params.toString();
            var url = window.location.href.split("#")[0] + (hash ? "#" + hash : "");
            try { window.history.replaceState(null, "", url); } catch (e) { window.location.hash = hash; }
          }

          function selected(list, name) { return list === null || list.indexOf(name) >= 0; }
        """
}
