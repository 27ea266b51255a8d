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
