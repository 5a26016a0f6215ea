"""Sources: readers that turn raw input into a :class:`~cleanscrape.document.Document`.

``decode``  bytes to text, trusting BOM, declared charsets, then UTF-8, never guessing wrong
``html``    HTML pages: blocks of visible text with their markup hints, and page metadata
``text``    plain-text pages and whole-page text dumps
"""
