"""domain/outgoing.py: what leaves first when messages queue (the sender sends by priority, then age)."""

from __future__ import annotations

from domain.outgoing import LOW, NORMAL, REPLY, URGENT, Outgoing


def test_the_answer_to_someone_who_just_wrote_goes_before_cards_and_news() -> None:
    assert Outgoing(1, "已收到 #12", purpose="ack").priority == REPLY
    assert Outgoing(1, "好的", purpose="reply").priority == REPLY
    assert Outgoing(2, "新工单 #12", purpose="card").priority == NORMAL
    assert Outgoing(1, "#12 已处理", purpose="update").priority == NORMAL
    assert URGENT < REPLY < NORMAL < LOW


def test_a_priority_given_is_kept() -> None:
    assert Outgoing(1, "拨打 119", purpose="ack", priority=URGENT).priority == URGENT
    assert Outgoing(3, "日报", purpose="digest", priority=LOW).priority == LOW
    assert Outgoing(2, "紧急工单", purpose="card", priority=URGENT).priority == URGENT
