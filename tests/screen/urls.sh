#!/bin/sh
# urls.sh: web addresses in an article (issue 15) are underlined where
# they stand, an address the line breaks in both its parts; o opens the
# one on the screen with $BROWSER (the address as one argument, so a
# quote or ; in the text is never the shell's), or, with several,
# offers them numbered; without $BROWSER it says so.
. "${top_srcdir:?}/tests/screen/lib.sh"

ISSUE=$TMP/urls.md
{
	printf '# 第01版 要闻\n\n## 数字报刊上线\n\n'
	printf '本报讯 本报数字版今日上线，详见https://www.example.cn/news/2026/1127.html。读者也可访问www.herald.example/about了解更多。\n\n'
	i=1
	while [ $i -le 30 ]; do
		printf '第%02d段：这是一段用来把后面的网址推到下一屏的正文，写得足够长。\n\n' $i
		i=$((i + 1))
	done
	printf '长网址：https://archive.example.org/papers/2026/11/27/page-01/article-0001-with-a-very-long-name.html\n'
} >"$ISSUE"

cat >"$TMP/browser" <<EOF2
#!/bin/sh
printf '%s\n' "\$#:\$1" >>'$TMP/opened'
EOF2
chmod +x "$TMP/browser"

start -e "BROWSER=$TMP/browser" -p 1 -a 1 "$ISSUE"
wait_for "01版 │ 1/1" >/dev/null
# underlined TEXT: the first cell of TEXT has SGR 4 in force (cells.py
# carries the state from row to row, as the terminal does)
underlined() {
	tm capture-pane -e -p -t t |
	    python3 "$top_srcdir/tests/screen/cells.py" "$1" 0 attrs |
	    grep -q "attrs=\(.*,\)\?4\(,.*\)\?$"
}
not_underlined() {
	tm capture-pane -e -p -t t |
	    python3 "$top_srcdir/tests/screen/cells.py" "$1" 0 attrs |
	    grep -qv "attrs=\(.*,\)\?4\(,.*\)\?$"
}
ok "an address is underlined" eventually underlined "https://www.example.cn"
ok "... the one without a scheme too" eventually underlined "www.herald.example"
ok "... not the text around it" eventually not_underlined "。读者也可访问"
ok "... nor the text before it" eventually not_underlined "本报讯"
keys o
ok "o with two addresses on the screen: a numbered choice" wait_for "1 https://www.example.cn/news/2026/1127.html"
ok "... the second listed" wait_for "2 www.herald.example/about"
keys 2
ok "2: \$BROWSER gets that address, as one argument" eventually \
    grep -qx "1:www.herald.example/about" "$TMP/opened"
ok "... and the screen says so" wait_for "Opened www.herald.example/about"
keys o Escape
ok "Esc at the choice opens nothing" wait_for "No address opened"
keys G
wait_for "长网址" >/dev/null
ok "a long address broken over two lines: its first part underlined" \
    eventually underlined "https://archive.example.org"
ok "... and its second" eventually underlined "with-a-very-long-name.html"
keys o
ok "o with one address on the screen opens it at once, whole" eventually \
    grep -qx "1:https://archive.example.org/papers/2026/11/27/page-01/article-0001-with-a-very-long-name.html" "$TMP/opened"
keys Q
wait_exit >/dev/null

start -p 1 -a 1 "$ISSUE"
wait_for "01版 │ 1/1" >/dev/null
keys G o
ok "without \$BROWSER: it says so, with the address" \
    wait_for "BROWSER is not set: https://archive.example.org"
keys g 1
wait_for "front page" >/dev/null
keys o
ok "o on the front page: addresses open from the article" \
    wait_for "Web addresses open from the article"
keys Q
wait_exit >/dev/null

done_testing
