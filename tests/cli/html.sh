#!/bin/sh
# html.sh: HTML through libxml2, loaded with dlopen. A start without HTML
# never loads it; a page's errors never reach the terminal; without it an
# .html page is refused with a message that says why, and a Markdown
# page's HTML block is shown as written, nothing of it lost.
. "$top_srcdir/tests/cli/lib.sh"
H=$HERALD
D=$top_srcdir/tests/data/converters

# the libraries a run maps, as the dynamic loader reports them
loaded() {
	LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -c 'file=libxml2\.so' || true
}

ok "a Markdown issue without HTML does not load libxml2" \
    test "$(loaded "$H" --dump --width 60 "$D/marker.md")" -eq 0
ok "--list of an HTML page loads it" \
    test "$(loaded "$H" --list "$D/epaper.html")" -gt 0
ok "a Markdown page with an HTML table loads it" \
    test "$(loaded "$H" --dump --width 60 "$D/mineru-rich.md")" -gt 0

# a page full of what libxml2 reports as errors: nothing on stderr
printf '%s' '</p><p>一<b>二<i>三</b>四</i><table><td>五<tr><x-y>六</x-y>
<p>七&bogus;八&#0;九<!-- 十 --><svg><g><p>十一</svg></html>十二' >"$TMP/bad.html"
ok "a page's HTML errors print nothing" sh -c \
    '"$1" --dump --width 60 "$2" >"$3/out" 2>"$3/err" && test ! -s "$3/err"' \
    - "$H" "$TMP/bad.html" "$TMP"
ok "... and every word of it is shown" sh -c \
    'for w in 一 二 三 四 五 六 七 八 九 十一 十二; do
	grep -q "$w" "$1/out" || { echo "lost: $w"; exit 1; }
     done' - "$TMP"

# libxml2 without its functions, where the loader looks first
if command -v cc >/dev/null 2>&1 &&
    mkdir -p "$TMP/lib" && cc -shared -fPIC -o "$TMP/lib/libxml2.so.2" -x c /dev/null 2>/dev/null; then
	L=$TMP/lib
	ok "without libxml2, an .html page is refused: exit 1, says why" sh -c \
	    'LD_LIBRARY_PATH=$1 "$2" --dump --width 60 "$3" >"$4/o" 2>"$4/e"; rc=$?
	     test $rc -eq 1 && grep -q "epaper.html: cannot read its HTML: libxml2" "$4/e" &&
	     test "$(wc -l <"$4/e")" -eq 1' - "$L" "$H" "$D/epaper.html" "$TMP"
	ok "without libxml2, a Markdown HTML block is shown as written" sh -c \
	    'LD_LIBRARY_PATH=$1 "$2" --dump --width 200 "$3" >"$4/o" 2>"$4/e" &&
	     grep -q "<td>地区生产总值</td>" "$4/o" && test ! -s "$4/e"' \
	    - "$L" "$H" "$D/mineru-rich.md" "$TMP"
	ok "without libxml2, --version says so" sh -c \
	    'LD_LIBRARY_PATH=$1 "$2" --version | grep -q "^libxml2 not installed"' - "$L" "$H"
else
	skip "without libxml2, an .html page is refused: exit 1, says why" "no C compiler"
	skip "without libxml2, a Markdown HTML block is shown as written" "no C compiler"
	skip "without libxml2, --version says so" "no C compiler"
fi
ok "--version names libxml2's version" sh -c \
    '"$1" --version | grep -Eq "^libxml2 [0-9]+\.[0-9]+\.[0-9]+ \(loaded when"' - "$H"

done_testing
