#!/bin/sh
# pixels.sh: sixel, kitty and iTerm2 photos (issue 16), their bytes read
# in a pty (tests/screen/pixels.py): tmux passes none of them, and no
# terminal here draws them, so what is checked is what such a terminal
# would get: where and when each photo is put, put again and taken away.
. "${top_srcdir:?}/tests/cli/lib.sh"

mkdir -p "$TMP/paper/photos"
cp "$top_srcdir/tests/data/photos/scene.jpg" "$TMP/paper/photos/"
{
	printf '# 青岚日报\n\n## 青岚港二期码头投运\n\n'
	printf '本报讯 青岚港二期码头昨日正式投运，新增泊位四个，年吞吐能力提升三成。\n\n'
	printf '![](photos/scene.jpg)\n\n图为二期码头作业现场。 本报记者 周明 摄\n\n'
	i=1
	while [ $i -le 40 ]; do
		printf '第%d段：港口负责人表示，二期码头将主要服务集装箱运输。\n\n' $i
		i=$((i + 1))
	done
} >"$TMP/paper/page.md"
# a library of two issues: the newest's article has the photo
L=$TMP/lib
mkdir -p "$L/2026-01-01" "$L/2026-01-02/photos"
cp "$top_srcdir/tests/data/photos/scene.jpg" "$L/2026-01-02/photos/"
printf '# 青岚日报

## 第二期的头条

第二期的正文。

短短一段。
' >"$L/2026-01-01/01.md"
sed -n '1,9p' "$TMP/paper/page.md" >"$L/2026-01-02/01.md"
rm -rf "$XDG_STATE_HOME"
# not exec: lib.sh's EXIT trap removes $TMP when python is done
python3 "$top_srcdir/tests/screen/pixels.py" "$HERALD" "$TMP/paper/page.md" "$L"
