"""Sample pages shared by several test modules."""

FERRY_PAGE = """Follow us on Instagram

Night ferry timetable changes from Monday

By Tom Okafor

Updated: 2 days ago

The night ferry between Port Alder and the islands will leave half an hour later from \
Monday, the operator said, to give connecting trains more time to arrive.

The last crossing will now depart at 23:30. Season tickets bought before the change \
remain valid, and the operator said fares would not rise this year.

Share this article
"""
