"""A web page's own lines, wherever a table copied from it goes: breadcrumbs, 发布机构 / 来源 / 浏览次数,
上一篇 / 下一篇, 打印本页 / 关闭窗口, 相关链接, 主办单位, 版权所有 — never a line of the table.

The web-page container drops them around a page's tables; a page pasted into Excel (or saved as
CSV, or printed to PDF) keeps them as rows above and under the table, which :func:`without_page_chrome`
takes off before a layout reads the grid (so that the rows above do not push the table's header out
of the rows a layout looks at, and the rows under it are not read as its indicators).
"""

from __future__ import annotations

import re

from perfgoals_xl.sources.grid import Grid, cell_text
from perfgoals_xl.sources.grid_split import piece
from perfgoals_xl.sources.row_kinds import is_page_widget

#: A line of the page's own information, not of the table: 您当前的位置：首页 > …, 发布机构：…,
#: 发布时间, 来源, 浏览次数, 字号 (a form reader would read such a line as a field of the table).
_PAGE_LABELS = (
    r"(?:您?当前(?:的)?位置|您的位置|所在位置|发布(?:机构|单位|时间|日期)|成文日期|信息来源|来源|"
    r"浏览(?:次数|量)|点击(?:次数|数|量)|阅读(?:次数|量)|访问(?:次数|量)|字号|索引号|主题分类|主题词|公开目录|公开方式|公开范围|信息分类|发文机关|发文日期|"
    r"主办(?:单位)?|承办(?:单位)?|协办(?:单位)?|备案号|版权所有|技术支持|网站标识码|生成日期|文号|发文字号|关键词|关键字|"
    r"有效性|公开时限|公开形式|公开责任部门|体裁分类|文件类型|文件大小|下载次数)")
_PAGE_INFO = re.compile(
    # (2017年07月31日来源：…, 2022-04-07 15:25 来源：…: the page's date, and time, before it)
    r"^\s*+(?:\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2}日?\s*+(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*+)?)?"
    rf"(?:{_PAGE_LABELS}\s*+[:：]|[\[【［]{_PAGE_LABELS}[\]】］])|[\u4e00-\u9fff]ICP备|"  # ([ 索引号 ] | 1150…: 重庆)
    r"名称\s*+[:：]\s*+关于|"  # (名称：关于公开…的公告: the notice's name in a 信息公开 page's head)
    r"(?:时间|日期)\s*+[:：]\s*+\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*+\d{1,2}[:：]\d{2}")  # (时间:2019-12-31 15:47:28)
#: A site's own line: 某某文库 版权所有, Copyright © 2024, 京公网安备 … (anywhere in it), 备案号（…）, 上一篇：…,
#: 【打印本页】【关闭窗口】, 分享到, 相关链接 / 相关文章, a document site's 本站文档由会员上传分享 (at its start),
#: an attachment's link (….xls (46.00 KB)), a footer's links (网站地图 | 联系我们: two of them).
_SITE_MARK = re.compile(r"版权所有|[Cc]opyright|©|公网安备|^\s*+(?:ICP)?备案号|"
                        r"^\s*+[【\[]?(?:上一篇|下一篇|打印本页|打印此页|关闭窗口|关闭本页|分享到|扫一扫)|"
                        r"^\s*+相关(?:链接|文章|阅读|新闻|稿件|文件|信息|附件)\s*+[:：]?\s*+$|"
                        r"^\s*+本站(?:文档|资源|内容|所有|声明|不保证|仅提供)|"
                        # (附件9:某表.xls, 22470b79….xls (46.00 KB): an attachment's link, the file's name and size)
                        r"\.(?:xlsx?|docx?|pdf|wps|et|zip|rar)\s*+(?:[(（]\s*+[\d.]{1,12}\s*+[KMG]?B\s*+[)）])?\s*+$|"
                        r"(?:网站地图|联系我们|关于我们|设为首页|加入收藏|网站声明|隐私声明|使用帮助)"
                        r"[^\n]{0,40}?(?:网站地图|联系我们|关于我们|设为首页|加入收藏|网站声明|隐私声明|使用帮助)")
#: A breadcrumb without a label: 首页 > 政务公开 > 预算公开 (two separators or more).
_CRUMB = re.compile(r"[>＞»›]")
#: A printed page's number carried into the copied text: -15-, — 15 —, 第 3 页, 第3页 共12页.
PAGE_NUMBER = re.compile(r"^\s*+(?:第\s*+\d{1,4}+\s*+页(?:\s*+[，,/]?\s*+共\s*+\d{1,4}+\s*+页)?|"
                         r"[-－—–]{1,2}\s*+\d{1,4}+\s*+[-－—–]{1,2})\s*+$")


def is_page_info(line: str) -> bool:
    """Whether a line of page text is the page's own information (breadcrumb, 发布机构, 来源,
    浏览次数, a printed page's number -15- …) rather than a line of the table above it (title, 部门名称, 单位)."""
    head = line[:200]
    label = re.sub(r"[ \t\u3000]+", "", head[:24]) + head[24:]  # (索 引 号：…, 来 源：…: a label spaced out)
    return (bool(_PAGE_INFO.match(label) or _SITE_MARK.search(head) or PAGE_NUMBER.match(head))
            or len(_CRUMB.findall(head)) >= 2)


def is_page_field(label: str, value: str) -> bool:
    """Is a label and its value (read as a pair of cells, or ``label：value`` in one) the web page's own
    information (发布时间 | 2023-07-11, 信息来源 | 某局, 浏览量 | 1) — never a field of the table?"""
    return is_page_info(f"{label.strip()}：{value.strip()[:60]}")


def is_chrome_row(texts: list[str]) -> bool:
    """Whether a row's texts (none blank) are all the page's own: 发布时间：… | 来源：…, 【打印】【关闭】, a
    breadcrumb, or label | value pairs of them (索引号： | 113412…)."""
    i = 0
    while i < len(texts):
        text = texts[i].rstrip()
        label = text[:-1] if text.endswith((":", "：")) else text
        if i + 1 < len(texts) and text.endswith((":", "：", "]", "】", "］")) and is_page_field(label, texts[i + 1]):
            i += 2  # (索引号： | 11341200MB…, [ 索引号 ] | 1150…: the label and its value in two cells)
        elif is_page_info(text) or is_page_widget(text):
            i += 1
        else:
            return False
    return bool(texts)


#: A site's menu item pasted above the table (首页, 政务公开, 信息公开): one short text of no table word.
_MENU_ITEM = re.compile(r"^\s*+[\u4e00-\u9fff]{2,6}\s*+$")
_TABLE_WORDS = re.compile(r"表|绩效|目标|指标|项目|预算|资金|单位|部门|评价|年")


def _row_texts(grid: Grid, r: int) -> list[str]:
    return [t for v in grid.rows[r] if (t := cell_text(v))]


def without_page_chrome(grid: Grid) -> Grid:
    """The grid without the web page's own rows around the table, when a page was pasted whole into
    Excel (or saved as CSV): above it, the menu, the breadcrumb and the 信息公开 head (索引号, 发布机构 …) up
    to the last such row before the table's title; under it, from the first such row down (上一篇 …
    版权所有, and the site's address after it). The grid itself when there are none."""
    start = 0
    r = 0
    while r < len(grid.rows):
        texts = _row_texts(grid, r)
        if texts and not is_chrome_row(texts):
            menu = len(texts) == 1 and _MENU_ITEM.match(texts[0]) and not _TABLE_WORDS.search(texts[0])
            if not menu:
                break
        elif texts:
            start = r + 1
        r += 1
    if start >= len(grid.rows):
        return grid  # (nothing but the page's own lines: the layouts say what they find)
    end = len(grid.rows)
    cut = end
    while end > start:
        texts = _row_texts(grid, end - 1)
        if len(texts) > 1 and not is_chrome_row(texts):
            break
        end -= 1
        if texts and is_chrome_row(texts):
            cut = end
    if start == 0 and cut == len(grid.rows):
        return grid
    return piece(grid, start, cut)
