"""The build object (kb.site.plugin.SitePlugin): typed options, and state that stays its own."""

import pytest

from kb.site.incremental import memory_in_use
from kb.site.plugin import SitePlugin


def test_options_are_checked_against_their_types():
    with pytest.raises(ValueError, match="serving"):
        SitePlugin(serving="yes")
    with pytest.raises(ValueError, match="cases_dir"):
        SitePlugin(cases_dir="/no/such/folder")


def test_each_server_remembers_in_its_own_memory_and_only_while_it_renders():
    first, second, build = SitePlugin(serving=True), SitePlugin(serving=True), SitePlugin()
    assert first.memory is not second.memory and build.memory is None
    assert memory_in_use() is None
    with first.memory.in_use():
        assert memory_in_use() is first.memory
        with second.memory.in_use():
            assert memory_in_use() is second.memory
        assert memory_in_use() is first.memory
    assert memory_in_use() is None
