"""Everything the bot says, in Simplified Chinese first and English second.

Written for elderly residents and busy grid workers: short, warm, concrete.
`t(lang, key, **values)` falls back to Chinese for any language but English.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- start / help
    "start_resident": (
        "您好，我是「网格通」👋\n"
        "小区里有什么问题，直接发文字告诉我就行，也可以加一张照片或位置。\n"
        "比如：「惠泽小区12号楼楼道堆满杂物」\n"
        "我会马上转给您楼的楼栋长和网格员，办好了请您评价。\n"
        "遇到着火、煤气味、有人摔倒等危险，请先打 119 / 120 / 110。\n"
        "/mine 看我的诉求 · /home 设置家庭住址 · /help 帮助",
        "Hello, I am Gridbot 👋\n"
        "Tell me about any problem in your neighbourhood in plain words; a photo or location helps.\n"
        "I pass it to your building lead and grid worker and keep you posted.\n"
        "In danger (fire, gas smell, someone fallen)? Call 119 / 120 / 110 first.\n"
        "/mine your requests · /home your address · /help help",
    ),
    "start_staff": (
        "您好，{name}！您是{roles}。\n"
        "新诉求会带「领取」按钮发给您，先按先得。领取后可以「办结」「转交」「上报」。\n"
        "/tasks 看待办 · /digest 看汇总 · /help 帮助",
        "Hello, {name}! You are {roles}.\n"
        "New requests arrive with a Claim button; the first press wins. Then Resolve, Transfer "
        "or Escalate.\n/tasks open work · /digest summary · /help help",
    ),
    "help": (
        "怎么用：\n• 直接发文字说问题（可加照片、位置）\n• /mine 我的诉求和进度\n"
        "• /home 设置或修改家庭住址\n• /tasks 待办（网格员、楼栋长）\n• /digest 汇总（党组织）\n"
        "紧急情况请先打 119（火警）120（急救）110（报警）。",
        "How to use:\n• Just write what is wrong (photo, location welcome)\n• /mine your requests\n"
        "• /home set your address\n• /tasks open work (staff)\n• /digest summary (supervisors)\n"
        "In an emergency call 119 (fire) 120 (ambulance) 110 (police) first.",
    ),
    "invite_ok": ("绑定成功 ✅ 您现在是{role}（{scope}）。", "Done ✅ You are now {role} ({scope})."),
    "invite_bad": ("这个邀请码无效、已用过或已过期，请找社区工作人员要一个新的。",
                   "This invite code is invalid, used or expired. Please ask the office for a new one."),
    "group_bound": ("本群已绑定到{grid} ✅ 新诉求会发到这里。", "This group now serves {grid} ✅"),
    "group_only": ("这个邀请码要在网格的群里使用。", "Use this code in the grid's group chat."),
    # --- reports
    "filed": ("已收到，编号 #{id} 🙏\n类别：{category}\n地点：{place}\n已转给{audience}，有进展会告诉您。",
              "Got it, request #{id} 🙏\nCategory: {category}\nPlace: {place}\n"
              "Sent to {audience}; I will keep you posted."),
    "filed_home": ("（地点按您的家庭住址登记，不对请按「改地点」或发 /home）",
                   "(Place taken from your home address; tap Change place or send /home)"),
    "ask_place": ("已收到，编号 #{id} 🙏\n请问是在哪个小区、几号楼、几单元？\n比如：惠泽小区12号楼3单元",
                  "Got it, request #{id} 🙏\nWhich estate, building and entrance?\n"
                  "For example: Huize Estate building 12 unit 3"),
    "ask_place_again": ("没认出地点 🙏 请写小区名和楼号，比如：滨河第一城5号楼2单元",
                        "I could not read the place 🙏 Please write the estate and building, "
                        "e.g. Binhe No.1 City building 5 unit 2"),
    "remind_place": ("#{id} 还在等您说地点 🙏 请写小区名和楼号，比如：惠泽小区12号楼。街道工作人员也已看到您的留言。",
                     "#{id} is still waiting for the place 🙏 Please write the estate and building. "
                     "The street office has also seen your message."),
    "card_unplaced": ("📍 地点不明 #{id}（{category}）：居民还没说在哪。\n原话：{text}\n居民：{name}",
                      "📍 Place unknown #{id} ({category}): the resident has not said where.\n"
                      "Their words: {text}\nResident: {name}"),
    "low_confidence": ("不太确定是哪类问题，点一下最接近的：", "Not sure of the category; tap the closest:"),
    "urgent_first": ("⚠️ 有危险请先打电话：{numbers}\n{advice}", "⚠️ Danger: call now: {numbers}\n{advice}"),
    "advice_gas": ("不要开关电灯电器、不要点火，打开窗户，人先到室外再打电话。",
                   "Do not touch switches or flames, open the windows, leave and call from outside."),
    "advice_fire": ("人先撤离，走楼梯不坐电梯，用湿毛巾捂住口鼻。",
                    "Get out first, use the stairs not the elevator, cover nose and mouth."),
    "advice_medical": ("别随便挪动伤者，先打120，说清楼号单元。",
                       "Do not move the injured person; call 120 and give the address."),
    "advice_trapped": ("别扒门，保持冷静，按电梯里的警铃。", "Stay calm, do not force the doors, press the alarm."),
    "advice_shock": ("先断电源，不要用手直接拉人。", "Cut the power first; do not touch the person directly."),
    "advice_flood": ("先关总水阀和电闸，贵重东西挪高。", "Close the main water valve and the power switch."),
    "advice_violence": ("先到安全的地方，再打110。", "Get to a safe place, then call 110."),
    "urgent_filed": ("已同时通知楼栋长、网格员和社区，编号 #{id}。", "Building lead, grid and community alerted: #{id}."),
    "home_set": ("家庭住址已记下：{place} ✅", "Home address saved: {place} ✅"),
    "home_ask": ("请发您家的地址，比如：惠泽小区12号楼3单元501", "Please send your address, e.g. Huize Estate 12-3-501"),
    "home_show": ("您登记的家庭住址：{place}\n要修改，直接发 /home 新地址", "Your home address: {place}\nTo change: /home new address"),
    "mine_empty": ("您还没有提过诉求。有问题直接发文字告诉我就行。", "You have no requests yet. Just write to me."),
    "mine_head": ("您的诉求：", "Your requests:"),
    "need_text": ("请用文字说说是什么问题，比如：「12号楼楼道灯不亮」。照片和位置可以一起发。",
                  "Please tell me in words what is wrong; a photo or location can come along."),
    "photo_noted": ("照片已收到，附在 #{id} 上了 📷", "Photo added to #{id} 📷"),
    "location_noted": ("位置已收到，附在 #{id} 上了 📍", "Location added to #{id} 📍"),
    "withdrawn": ("#{id} 已撤回。有需要随时再找我。", "#{id} withdrawn. Write any time."),
    "recategorized": ("#{id} 已改为「{category}」✅", "#{id} is now “{category}” ✅"),
    "pick_category": ("请选择 #{id} 的类别：", "Choose the category for #{id}:"),
    # --- staff cards and work
    "card": ("{flag} #{id} {category} · {triage}\n📍 {place}\n💬 “{text}”{affected}{extra}",
             "{flag} #{id} {category} · {triage}\n📍 {place}\n💬 “{text}”{affected}{extra}"),
    "card_claimed_by": ("\n✅ 已由 {name} 领取", "\n✅ Claimed by {name}"),
    "card_you_claimed": ("\n✅ 您已领取。办好后按「办结」。", "\n✅ Yours now. Tap Resolve when done."),
    "card_resolved": ("\n🏁 已办结（{name}）", "\n🏁 Resolved by {name}"),
    "card_escalated": ("\n⬆️ 已上报至{tier}", "\n⬆️ Escalated to {tier}"),
    "card_closed": ("\n（已结束：{status}）", "\n(Closed: {status})"),
    "card_reopened": ("\n🔁 群众不满意，已退回给您：{note}", "\n🔁 Resident unsatisfied, back to you: {note}"),
    "card_transferred": ("\n➡️ {from_name} 转交给您", "\n➡️ Handed to you by {from_name}"),
    "claim_ok": ("领取成功，辛苦了！", "Claimed. Thank you!"),
    "claim_taken": ("已经被 {name} 领走了", "Already claimed by {name}"),
    "ask_resolve_note": ("#{id} 办结说明：请用一两句话说说怎么办的（可以附一张照片）。",
                         "#{id}: in a sentence or two, what was done? (a photo is welcome)"),
    "ask_escalate_reason": ("#{id} 为什么要上报？请说一句原因。", "#{id}: why escalate? One sentence, please."),
    "pick_transfer": ("把 #{id} 转交给谁？", "Hand #{id} to whom?"),
    "no_transfer_target": ("本网格没有其他网格员可以转交。", "No other grid worker to hand it to."),
    "resolved_ok": ("#{id} 已办结，已请群众评价 👍", "#{id} resolved; the resident is asked to rate 👍"),
    "escalated_ok": ("#{id} 已上报至{tier}。", "#{id} escalated to {tier}."),
    "transferred_ok": ("#{id} 已转交给 {name}。", "#{id} handed to {name}."),
    "tasks_empty": ("眼下没有待办，辛苦了 🌷", "Nothing open right now 🌷"),
    "tasks_head": ("待办（{n} 件）：", "Open work ({n}):"),
    "not_staff": ("这个功能是给网格员和楼栋长用的。有问题直接发文字告诉我就行。",
                  "This is for grid workers and building leads. To report, just write to me."),
    "not_supervisor": ("汇总只给网格员和党组织、街道的同志看。", "The digest is for grid, branch and committee staff."),
    # --- resident updates
    "upd_claimed": ("#{id} {name} 已接单，正在处理 👷", "#{id} {name} has taken it on 👷"),
    "upd_transferred": ("#{id} 已交给 {name} 处理。", "#{id} is now with {name}."),
    "upd_escalated": ("#{id} 已报到{tier}，会有人跟进。", "#{id} has gone up to {tier}; someone will follow up."),
    "upd_resolved": ("#{id} 已办好 ✅\n处理说明：{note}\n请您评价一下：", "#{id} is done ✅\nNote: {note}\nHow did we do?"),
    "upd_resolved_follower": ("您关注的 #{id} 已办好 ✅\n处理说明：{note}", "#{id}, which you follow, is done ✅\nNote: {note}"),
    "dup_found": ("这个问题已有人反映：#{id} {category}（{status}）。\n点「关注」，有进展会同时告诉您；不是同一件事就点「仍然新建」。",
                  "Someone already reported this: #{id} {category} ({status}).\nFollow it to hear of progress, or file a new one if it is different."),
    "followed": ("已关注 #{id} 🙏 有进展会告诉您。", "Following #{id} 🙏 I will keep you posted."),
    "card_affected": ("\n👥 {n} 位居民反映", "\n👥 {n} residents affected"),
    "digest_hot": ("\n多人反映：{hot}", "\nReported by several: {hot}"),
    "warn_holder": ("⏰ #{id} 办结时限快到了（{due}），请抓紧；办不了请按「上报」。",
                    "⏰ #{id} is due soon ({due}); please hurry, or tap Escalate."),
    "warn_unclaimed": ("⏰ #{id} 还没人领取，{due} 前不领取将上报至{tier}。",
                       "⏰ #{id} is still unclaimed; at {due} it goes up to {tier}."),
    "warn_contact": ("⏰ #{id} 请在 {due} 前联系居民（电话或上门），联系后按「已联系」。",
                     "⏰ #{id}: please contact the resident before {due}, then tap Contacted."),
    "contacted_ok": ("已记下：#{id} 已联系居民 👍", "Noted: resident contacted for #{id} 👍"),
    "missed_claim": ("超时未领取", "not claimed in time"),
    "missed_resolve": ("超时未办结", "not resolved in time"),
    "nudge_holder": ("📣 {name} 催办 #{id}：群众还在等，请抓紧办理。", "📣 {name} asks you to speed up #{id}: the resident is waiting."),
    "nudge_ok": ("已催办 #{id}，已告诉处理人。", "Nudged #{id}; the holder is told."),
    "upd_nudged": ("#{id} 上级已催办，会抓紧处理。", "#{id}: a supervisor has asked the worker to hurry."),
    "ask_extension_reason": ("#{id} 需要延期多久、为什么？说一句原因，会请上级批准。", "#{id}: why do you need more time? One sentence; a supervisor will decide."),
    "extension_request": ("🕒 {name} 申请 #{id} 延期：{reason}\n现时限 {due}，批准后延到 {new_due}。", "🕒 {name} asks more time for #{id}: {reason}\nDue {due}; if approved, {new_due}."),
    "extension_sent": ("延期申请已交给上级，等批复。", "Your request for more time went to a supervisor."),
    "extension_granted": ("✅ #{id} 延期已批准，新时限 {due}。", "✅ #{id}: more time granted, now due {due}."),
    "extension_refused": ("#{id} 延期未批准，请按原时限办理或「上报」。", "#{id}: no extension; please finish on time or escalate."),
    "upd_extended": ("#{id} 处理需要多一些时间，预计 {due} 前办好，谢谢您的耐心。", "#{id} needs a little more time; expected by {due}. Thank you for your patience."),
    "extension_decided": ("已处理 #{id} 的延期申请。", "Decision on #{id} recorded."),
    "no_extension_pending": ("这个延期申请已经处理过了 🙏", "That request was already decided 🙏"),
    "remind_rate": ("#{id} 已经办好一天了，麻烦您评价一下，我们好改进 🙏", "#{id} was done a day ago; a quick rating helps us improve 🙏"),
    "ask_still": ("#{id}（{category}）一周前办结了。问题还在吗？", "#{id} ({category}) was closed a week ago. Is the problem still there?"),
    "still_there_ok": ("收到，#{id} 已重新交给处理人 🙏", "Thanks: #{id} is back with the worker 🙏"),
    "gone_ok": ("太好了，谢谢您告诉我们 🌷", "Good to hear, thank you 🌷"),
    "card_recurred": ("\n🔁 群众说问题还在，已退回给您", "\n🔁 The resident says it is back: yours again"),
    "morning_tasks": ("早上好 ☀️ 您手上有 {n} 件在办：\n{items}", "Good morning ☀️ You have {n} open:\n{items}"),
    "meeting_tomorrow": ("📅 明天 {when} 是{grid}议事日，欢迎大家来议一议身边事。", "📅 Tomorrow {when} is {grid}'s residents' meeting."),
    "calendar_unknown": ("⚠️ 节假日数据里还没有 {years} 年的安排，暂按周末和本地假日计算时限。请升级 chinesecalendar。",
                         "⚠️ No official holiday data for {years}; deadlines use weekends and local days. Upgrade chinesecalendar."),
    # --- messages the bot gave up on (domain/delivery.py), told to the admins
    "delivery_failed": ("⚠️ 有 {n} 条消息发不出去，已停止重试：\n{lines}",
                        "⚠️ {n} messages could not be delivered and will not be retried:\n{lines}"),
    "delivery_line": ("· {why}：{n} 条（{what}）— {who}", "· {why}: {n} ({what}) — {who}"),
    "delivery_more": (" 等 {n} 人", " and {n} more"),
    "why_blocked": ("对方已屏蔽机器人", "blocked the bot"),
    "why_not_started": ("对方从未打开机器人", "never opened the bot"),
    "why_no_chat": ("聊天不存在", "chat not found"),
    "why_deactivated": ("账号已注销", "account deleted"),
    "why_kicked": ("机器人已被移出群", "bot removed from the group"),
    "care_task": ("走访：{name}（{need}）", "Care visit: {name} ({need})"),
    "care_added": ("已加入走访名单：{name}（{need}），{place}，每 {days} 天一次。", "{name} ({need}) at {place} is on the visit list, every {days} days."),
    "care_usage": ("用法：/care 地址 姓名 情况\n比如：/care 惠泽小区12号楼3单元501 王奶奶 独居老人", "Usage: /care ADDRESS NAME NEED"),
    "care_known": ("{name} 已经在走访名单上了。", "{name} is already on the list."),
    "upd_reopened": ("#{id} 已退回重办，我们会再跟进 🙏", "#{id} reopened; we will follow up 🙏"),
    "ask_unsatisfied": ("很抱歉没让您满意。哪里还不行？说一句，我们转给处理人。",
                        "Sorry it is not right yet. What is still wrong? One sentence helps."),
    "thanks_rating": ("谢谢您的评价 🌷 #{id} 已结束。", "Thank you 🌷 #{id} is closed."),
    "reason_noted": ("收到，已转给处理人 🙏", "Noted and passed on 🙏"),
    # --- refusals and errors
    "stale": ("这个按钮已经过期了，不用再按 🙏", "This button has expired 🙏"),
    "not_yours": ("这个操作不是给您的 🙏", "This action is not for you 🙏"),
    "not_in_scope": ("这件不在您负责的范围内 🙏", "This one is outside your area 🙏"),
    "error": ("抱歉，刚才出了点小问题，请稍后再试一次。您已经发来的内容不会丢。",
              "Sorry, something went wrong. Please try again shortly; nothing you sent is lost."),
    "too_long": ("内容有点长，请简短一些（{max}字以内）。", "That is a bit long; please keep it under {max} characters."),
    "unknown_command": ("没有这个命令。发 /help 看看能做什么。", "Unknown command. Send /help."),
    # --- digest
    "digest_period_day": ("近24小时", "last 24 hours"),
    "digest_period_week": ("近7天", "last 7 days"),
    "dg_head": ("📊 {scope} · {period}", "📊 {scope} · {period}"),
    "dg_flow": ("新诉求 {new}（{new_change}）· 领取 {claimed} · 办结 {resolved} · 结案 {closed}",
                "New {new} ({new_change}) · claimed {claimed} · resolved {resolved} · closed {closed}"),
    "dg_open": ("在办 {open} 件，其中超时 {overdue} 件", "Open {open}, overdue {overdue}"),
    "dg_rates": ("响应率 {response} {r1}｜解决率 {resolution} {r2}｜满意率 {satisfaction} {r3}",
                 "Response {response} {r1} | Resolution {resolution} {r2} | Satisfaction {satisfaction} {r3}"),
    "dg_top": ("多发：{items}", "Most reported: {items}"),
    "dg_hot": ("多次反映的楼：{items}", "Buildings reported again and again: {items}"),
    "dg_overdue": ("⏰ 超时未办：", "⏰ Overdue:"),
    "dg_overdue_item": ("#{id} {category} {place} · {holder}", "#{id} {category} {place} · {holder}"),
    "dg_nobody": ("无人领取", "unclaimed"),
    "dg_ranking": ("网格排名（按解决率）：", "Grids by resolution rate:"),
    "dg_unassigned_grid": ("社区直办", "above grid level"),
    "dg_chart_title": ("{scope} 近14天", "{scope}: last 14 days"),
    "none": ("无", "none"),
}

LABELS: dict[str, tuple[str, str]] = {
    "btn_claim": ("领取", "Claim"), "btn_resolve": ("办结", "Resolve"),
    "btn_transfer": ("转交", "Transfer"), "btn_escalate": ("上报", "Escalate"),
    "btn_withdraw": ("撤回", "Withdraw"), "btn_recategorize": ("改分类", "Change category"),
    "btn_satisfied": ("满意", "Satisfied"), "btn_mostly": ("基本满意", "Mostly"),
    "btn_unsatisfied": ("不满意", "Unsatisfied"),
    "btn_nudge": ("催办", "Nudge"), "btn_extend": ("申请延期", "More time"),
    "btn_approve": ("批准", "Approve"), "btn_refuse": ("不批准", "Refuse"),
    "btn_visited": ("已走访", "Visited"), "btn_contacted": ("已联系", "Contacted"),
    "btn_still": ("还在", "Still there"), "btn_gone": ("已解决", "Solved"),
    "btn_follow": ("关注", "Follow"), "btn_new_anyway": ("仍然新建", "File a new one"),
    "simple": ("领办", "simple"), "joint": ("联办", "joint"), "major": ("督办", "major"),
    "tier_0": ("楼栋长", "building lead"), "tier_1": ("网格", "grid"),
    "tier_2": ("社区党组织", "branch"), "tier_3": ("街道大党委", "committee"),
    "role_building_lead": ("楼栋长", "building lead"), "role_grid_worker": ("网格员", "grid worker"),
    "role_branch": ("社区党组织成员", "branch member"), "role_committee": ("街道大党委成员", "committee member"),
    "role_admin": ("管理员", "admin"), "role_group": ("网格群", "grid group"),
    "status_submitted": ("待登记", "received"), "status_assigned": ("待领取", "waiting"),
    "status_claimed": ("处理中", "in progress"), "status_resolved": ("已办好待评价", "done, please rate"),
    "status_closed": ("已结束", "closed"), "status_reopened": ("重办中", "reopened"),
    "status_withdrawn": ("已撤回", "withdrawn"), "status_merged": ("已合并", "merged"),
    "status_rejected": ("未受理", "not accepted"),
    "no_place": ("地点待补充", "place to be given"), "urgent": ("🚨紧急", "🚨URGENT"),
    "new": ("🆕", "🆕"),
}


def t(lang: str, key: str, **values: object) -> str:
    zh, en = TEXTS[key]
    return (en if lang == "en" else zh).format(**values)


def label(lang: str, key: str) -> str:
    zh, en = LABELS[key]
    return en if lang == "en" else zh
