"""Optional integrations: each needs its extra (``pip install cleanscrape[scrapy]`` …).

- :mod:`cleanscrape.integrations.scrapy`: an item pipeline for Scrapy.
- :mod:`cleanscrape.integrations.dask`: clean a Dask bag of pages across a cluster.
- :mod:`cleanscrape.integrations.datatrove`: a datatrove pipeline step.
- :mod:`cleanscrape.integrations.warc`: read response records from WARC files.
"""
