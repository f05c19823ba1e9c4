"""Retries, give-ups and the admins' summary (domain/delivery.py)."""

from __future__ import annotations

from domain.delivery import Failure, RetryPolicy, summary

BLOCKED = "Forbidden: bot was blocked by the user"


def test_retries_wait_longer_each_time_and_stop_at_the_last_attempt() -> None:
    policy = RetryPolicy(max_attempts=4, base=0.5, cap=3.0)
    assert [policy.backoff(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert [policy.gives_up(n) for n in (1, 3, 4)] == [False, False, True]
    assert policy.pause(100) == policy.pause_cap


def test_the_defaults_give_a_message_about_two_minutes_before_giving_up() -> None:
    policy = RetryPolicy()
    waited = sum(policy.backoff(n) for n in range(1, policy.max_attempts))
    assert 60 <= waited <= 180


def test_a_broadcast_to_a_thousand_blocked_users_is_one_short_message() -> None:
    failures = [Failure(1000 + i, f"居民{i}", "digest", BLOCKED) for i in range(1000)]
    failures.append(Failure(-100123, "惠泽一网格群", "card", "Bad Request: chat not found"))
    text = summary(failures, "zh")
    assert text.startswith("⚠️ 有 1001 条消息发不出去")
    assert "对方已屏蔽机器人：1000 条（digest 1000）" in text and "居民0、居民1" in text and "等 995 人" in text
    assert "聊天不存在：1 条（card 1）— 惠泽一网格群" in text
    assert len(text) < 400


def test_an_unknown_error_is_shown_in_telegrams_words_and_a_chat_without_a_name_by_its_id() -> None:
    text = summary([Failure(42, None, "update", "Bad Gateway (after 8 attempts)")], "en")
    assert "Bad Gateway (after 8 attempts): 1 (update 1) — 42" in text and text.startswith("⚠️ 1 messages")
