"""Urgency: real danger now is caught with its hazard; look-alikes are not urgent."""

from __future__ import annotations

import pytest

from app.lexicon import lexicon
from domain.normalize import normalize
from domain.urgency import UrgencyDetector

URGENT = [
    ("fire", "厨房着火了 火苗窜到抽油烟机上了"),
    ("fire", "楼道里全是烟 呛得睁不开眼"),
    ("fire", "对面楼有家窗户往外冒黑烟"),
    ("fire", "电动车在楼下烧起来了"),
    ("fire", "闻到一股烧焦的味道 好像是楼下 有烟"),
    ("fire", "樓道裡一股燒焦味 還有煙從三樓往上冒"),
    ("gas", "家里燃气泄漏了 闻着很冲"),
    ("gas", "一进单元门就一股煤气味"),
    ("gas", "家里一股煤汽味 很冲 不敢开灯"),
    ("gas", "我家天然气管子漏气了 嘶嘶响"),
    ("violence", "楼下有人打架 都见血了"),
    ("violence", "有个男的拿着刀在小区里追人"),
    ("violence", "我老公又打我了 我躲在卫生间"),
    ("violence", "隔壁男的喝多了砸我家门 还说要弄死我"),
    ("trapped", "电梯卡住了 里面有人出不来"),
    ("trapped", "孩子被锁在屋里了 大人不在家"),
    ("trapped", "我被困在电梯里半个小时了"),
    ("trapped", "电梯卡在8楼和9楼中间了 我和孩子在里面"),
    ("trapped", "滨河第一城3号楼电梯困人了 我妈在里面"),
    ("shock", "工人修路灯被电打了 人倒地上了"),
    ("shock", "我家孩子玩插座触电了"),
    ("flood", "家里跑水了 水都漫出门口了"),
    ("flood", "暴雨 地下室进水了 水越来越深"),
    ("flood", "水管爆了 水哗哗往外喷 客厅都淹了"),
    ("medical", "我妈突然晕倒了 叫不醒"),
    ("medical", "老人从楼梯上摔下来了 头流血了"),
    ("medical", "邻居老大爷好几天没露面了 屋里有味"),
    ("medical", "楼下有个人躺在地上一动不动"),
    ("medical", "隔壁的老太太三天没开门了 打电话也不接"),
    ("medical", "My father collapsed in the bathroom and is not responding"),
    ("medical", "Grandpa hasn't picked up his phone for 3 days"),
    ("gas", "I can smell gas in the hallway of building 3"),
    ("fire", "There is smoke coming out of the window on the 5th floor"),
    ("trapped", "Help, I'm stuck in the lift at Huize building 7"),
    ("fire", "隔壁屋里有火光 还有噼里啪啦的声音"),
    ("fire", "楼顶着起来了 好多烟"),
    ("fire", "我家油锅着了 盖不住 怎么办"),
    ("fire", "配电室冒烟了 一股塑料烧焦的味"),
    ("fire", "车库里一辆电动车自燃了"),
    ("fire", "對面樓著火了 火很大"),
    ("fire", "The building across from us is on fire"),
    ("gas", "一开门就闻到煤气味 不敢开灯"),
    ("gas", "燃气管子断了 呲呲往外冒气"),
    ("gas", "楼道里有股天然气味 越来越浓"),
    ("gas", "家裡瓦斯漏了 味道很重"),
    ("gas", "There's a strong smell of gas in our kitchen"),
    ("violence", "有人在小区里打孩子 孩子一直哭喊"),
    ("violence", "楼上男的在打老婆 一直在喊救命"),
    ("violence", "有个醉汉拿砖头砸车 还追着人打"),
    ("violence", "Someone is attacking people with a knife near the gate"),
    ("trapped", "电梯突然停了 里面有老人 按警铃没人理"),
    ("trapped", "孩子把自己反锁在卫生间出不来了"),
    ("trapped", "电梯门打不开 我们三个人困在里面"),
    ("trapped", "The lift stopped between floors and my son is inside"),
    ("shock", "我爸修灯的时候被电着了 现在说话不清楚"),
    ("shock", "有人碰了掉下来的电线 倒在地上"),
    ("shock", "My neighbour got an electric shock from the railing"),
    ("flood", "楼上跑水 我家屋顶哗哗往下流水 电线都泡了"),
    ("flood", "家里水管裂了 水一直往外冒 满屋子都是水"),
    ("flood", "下大雨 一楼家里进水了 水漫到床边了"),
    ("flood", "Our flat is flooding, water is coming in from the balcony"),
    ("medical", "我妈在厕所晕过去了"),
    ("medical", "老人在楼梯上摔了 头磕破了 流了好多血"),
    ("medical", "楼下有个大爷突然倒地 抽搐 口吐白沫"),
    ("medical", "邻居家老太太一周没出门了 打电话不接"),
    ("medical", "我老伴胸口疼得厉害 喘不上气 我一个人弄不动他"),
    ("medical", "孩子被开水烫伤了 皮都起泡了"),
    ("medical", "My grandmother fell and can't get up, she is bleeding"),
    ("medical", "Nobody has seen the old man in 302 for five days and he doesn't answer the door"),
    ("medical", "一个小孩从楼上摔下来了"),
    ("fire", "快来人啊 五楼冒烟了 好像是谁家着火了"),
    ("fire", "楼下草坪着火了 风一吹火越来越大"),
    ("fire", "我家阳台的杂物烧起来了 灭不了"),
    ("fire", "单元门口的垃圾堆烧着了 烟往楼里灌"),
    ("gas", "早上起来一股煤气味 家里老人头晕恶心"),
    ("gas", "煤气表那块一直滋滋响 有很大的味道"),
    ("gas", "闻着像是液化气漏了 整个楼道都是味"),
    ("violence", "有人在楼下抢包 还打人了"),
    ("violence", "我前夫找上门来了 拿刀威胁我"),
    ("violence", "几个小年轻在小区门口拿棍子打人"),
    ("trapped", "我被关在电梯里了 电梯不动了"),
    ("trapped", "电梯掉下去一截停住了 里面有孩子"),
    ("trapped", "老人把自己锁在家里 开不了门 里面没动静"),
    ("shock", "小孩去摸配电箱被电了 现在不哭不闹 手黑了一块"),
    ("shock", "刚才碰了一下楼道的铁门 被电了一下 门带电"),
    ("flood", "家里进水了 地板全泡了 水还在涨"),
    ("flood", "楼上水管爆了 水从灯那往下流"),
    ("medical", "我爸突然不省人事了"),
    ("medical", "老人在楼道里摔了 头破了 起不来"),
    ("medical", "对门阿姨好几天没见了 门口的奶都没拿"),
    ("medical", "有个孩子从单车上摔下来 胳膊好像断了 一直哭"),
    ("medical", "楼下有人晕倒了 快打120"),
    ("medical", "我妈吃错药了 现在意识不清"),
]

LOOK_ALIKES = [
    "上次着火的地方还没修",
    "燃气费怎么交",
    "没有闻到煤气味 就是燃气表不走了",
    "消防通道被堵了 万一着火了怎么办",
    "小区什么时候搞消防演练",
    "煤气灶打不着火",
    "热水器打不着火 是不是没气了",
    "楼道里有人抽烟 烟味太大了",
    "小区里烟头太多了",
    "楼下烧烤摊的烟熏到我家了",
    "去年这里着过一次火 现在还黑着",
    "去年冬天我家暖气管爆过一回 今年能不能先检查",
    "电梯上个月困过人 到现在也没彻底修",
    "电梯里的应急电话是坏的 真困里头了找谁去",
    "怕老人在楼道里摔倒 能不能装个扶手",
    "差点被电动车撞了 小区里骑太快",
    "楼道灯坏了 老人上下楼差点摔了",
    "我爸上个月摔了一跤 现在出院了",
    "我爸脑梗以后在家躺着 想请人看看",
    "他家狗叫得跟杀猪似的",
    "邻居家的狗叫得跟杀人似的",
    "我快被楼上的噪音逼疯了 救命",
    "快来人 门口垃圾桶都冒尖了",
    "电线老化 怕着火",
    "楼上漏水 把我家天花板泡了",
    "暖气片漏水 拿盆接着",
    "防火门坏了 着火的时候关不上咋办",
    "单元门的闭门器坏了 冷风往里灌",
    "自来水龙头拧开哗哗往外冒白沫",
    "地库里有辆车好几年没动了 轮胎都没气了",
    "楼道里不知道谁家的猫砂倒在垃圾桶边上",
    "挪车电话也打不通 万一有个急事救护车都进不来",
    "电梯门夹了我闺女胳膊一下 还好没事",
    "老人摔倒了怎么申请护理补贴",
    "The fire extinguisher in our hallway is expired",
    "Is there a fire drill this week?",
    "No gas smell, but the gas meter is not working",
    "小区什么时候组织防火知识讲座",
    "灭火器过期了 啥时候换",
    "楼道里烟头太多 怕着火",
    "燃气表没电了 换电池找谁",
    "天然气什么时候能通",
    "家里电暖气老跳闸",
    "电梯老是卡顿 坐着害怕",
    "电梯上周困过人 现在修好了吗",
    "老人摔倒以后一直卧床 想申请护理补贴",
    "楼上漏水把我家墙泡了 找他不管",
    "暖气漏水 接了一盆了",
    "下水道堵了 水下不去",
    "水管子漏了 滴滴答答的",
    "隔壁两口子天天吵架 吵得睡不着",
    "他说要打我 我没理他",
    "孩子们在楼下打闹 太吵了",
    "狗咬了我家的猫 邻居不赔",
    "狗把我家门口的花咬坏了",
    "楼道的电线乱七八糟的 怕漏电",
    "楼下烧烤摊的油烟飘到我家了",
    "有人在楼下烧纸 烟熏火燎的",
    "冬天取暖用的煤炉子 会不会一氧化碳中毒 想问问",
    "单元门口井盖坏了 怕有人掉下去",
    "上次暴雨地下室进过水 今年能不能提前做好排水",
    "电梯里的警铃坏了 万一被困了怎么办",
    "防火门老是被人打开 起不到防火作用",
    "社区能不能组织一次消防演习",
    "感谢消防员上次及时救火",
    "家里水压太大 水龙头一开就往外喷",
    "我家孩子摔了一跤 磕破点皮 没事 就是想说小区的地面太滑",
    "People smoke in the stairwell all the time",
    "The fire-fighting equipment is broken",
    "手机掉进下水道了",
    "地下室里面有人住",
]


# Written while broadening the cues by meaning (one hazard at a time, many ways to say it).
URGENT += [
    ("fire", "楼下车棚着了 火苗子窜老高"),
    ("fire", "厨房的锅着了 火苗呼呼往上蹿"),
    ("fire", "对面楼冒黑烟了 好像是五楼"),
    ("fire", "烟从隔壁门缝里往外冒 敲门没人开"),
    ("fire", "楼道里烟很大 呛得睁不开眼 不知道哪着了"),
    ("fire", "垃圾站烧起来了 离楼很近"),
    ("fire", "仓库着大火了"),
    ("fire", "走廊里有股烧塑料的味 还有烟"),
    ("fire", "屋里全是烟 孩子还在里面"),
    ("fire", "There's a fire in the basement of building 4"),
    ("fire", "The garbage room is burning"),
    ("fire", "着火啦快来人啊"),
    ("fire", "電動車棚起火了"),
    ("fire", "插线板烧了 冒火星子 屋里一股焦味"),
    ("fire", "楼上窗户往外窜火"),
    ("fire", "家里电视机烧了 冒烟了"),
    ("gas", "进门就一股煤气味 熏得头疼"),
    ("gas", "燃气管道漏了 嘶嘶响"),
    ("gas", "楼道里天然气味特别冲"),
    ("gas", "煤气罐漏气了 关不上"),
    ("gas", "家里燃气报警器一直叫 味挺大"),
    ("gas", "闻着一股臭鸡蛋味 像是煤气"),
    ("gas", "液化气罐阀门坏了 一直往外冒气"),
    ("gas", "The whole stairwell smells of gas"),
    ("gas", "gas is leaking from the meter"),
    ("gas", "燃气表那有股怪味 很冲"),
    ("violence", "楼下有人打架 拿着刀"),
    ("violence", "他喝多了又打我 我跑出来了"),
    ("violence", "隔壁在打孩子 孩子哭得撕心裂肺"),
    ("violence", "两个人在楼道里扭打 有人流血了"),
    ("violence", "有人砸我家门 说要弄死我们"),
    ("violence", "他掐我脖子 我好不容易跑出来"),
    ("violence", "邻居持刀闯进我家"),
    ("violence", "有人在小区门口抢劫"),
    ("violence", "A man is beating his wife upstairs, she is screaming"),
    ("violence", "老公把我打得满脸是血"),
    ("violence", "几个人围着一个老头打"),
    ("violence", "楼上男的又在打他媳妇 一直在哭"),
    ("violence", "有人拿砖头把人头打破了"),
    ("violence", "他揍我 还不让我出门"),
    ("trapped", "电梯卡住了 我在里面出不去"),
    ("trapped", "电梯停在两层中间 里面有个孩子"),
    ("trapped", "电梯坏了 我妈关里头了"),
    ("trapped", "被困在电梯里二十分钟了"),
    ("trapped", "电梯突然不动了 门也打不开 我们在里面"),
    ("trapped", "老人在电梯里困了半小时 没人来"),
    ("trapped", "电梯里关着三个人 喊了半天没人应"),
    ("trapped", "I'm stuck in the elevator, please help"),
    ("trapped", "The lift is stuck and my kid is inside"),
    ("trapped", "電梯卡住了 裡面有人"),
    ("trapped", "电梯停半截了 我闺女在里面出不来"),
    ("trapped", "电梯卡住了 里面关着个老太太"),
    ("trapped", "孩子被锁阳台上了 出不来"),
    ("shock", "我碰了一下电线 被电了 手发麻"),
    ("shock", "孩子摸插座被电到了"),
    ("shock", "有人修电表被电击了 倒地上了"),
    ("shock", "楼道铁扶手带电 刚才电了我一下"),
    ("shock", "工人在配电箱那触电了"),
    ("shock", "My son got shocked by an outlet"),
    ("flood", "水管爆了 家里全是水"),
    ("flood", "卫生间水管崩了 满屋都是水"),
    ("flood", "楼上漏水 我家客厅都成河了 水哗哗往下流"),
    ("flood", "下水道往外冒污水 整个屋都淹了"),
    ("flood", "家里进水了 水已经没过脚面了"),
    ("flood", "地下室进水了 东西都泡了 水还在涨"),
    ("flood", "厨房水管漏得厉害 水都流到客厅了 关不住"),
    ("flood", "Water pipe burst in our apartment, the floor is flooded"),
    ("flood", "屋裡淹水了"),
    ("flood", "进水管崩了 水呲得满屋都是"),
    ("flood", "下水道往上冒水 屋里全是脏水"),
    ("flood", "暖气管子崩了 热水哗哗往地上淌 屋里都是白气"),
    ("flood", "暖气片炸了 热水喷了一屋子"),
    ("medical", "我爸倒在地上起不来了"),
    ("medical", "老太太在家摔了 爬不起来"),
    ("medical", "邻居大爷好几天没见人了 敲门没反应"),
    ("medical", "有人晕倒在单元门口"),
    ("medical", "我妈突然说不出话 嘴歪了"),
    ("medical", "孩子发高烧抽搐了"),
    ("medical", "老人一直喘不过气 嘴唇都紫了"),
    ("medical", "楼下有个人被车撞了 流了好多血"),
    ("medical", "独居老人一个礼拜没见出门了"),
    ("medical", "Old man downstairs is lying on the floor and not responding"),
    ("medical", "心脏病犯了 喘不上气"),
    ("medical", "楼上老两口三四天没动静了 屋里灯一直亮着"),
    ("medical", "对门奶奶好几天没下楼了 电话也打不通"),
    ("medical", "我妈在家晕过去了 我在外地"),
]

LOOK_ALIKES += [
    "我腿骨折了打着石膏 能不能找人帮忙买菜",
    "骨折以后在家养着 想找人帮着做饭",
    "上次电梯困人以后 一直没修好",
    "万一着火了 楼道这些东西都是易燃的",
    "燃气报警器老是误报 其实没漏",
    "水管漏了一点 拿盆接着呢",
    "电梯老是停 怕困人",
    "孩子以前被狗咬过 现在都不敢出门",
    "物业电话好几天都没人接",
    "报修好几天了也没动静",
    "快递好几天没动静了",
    "打了三天电话都打不通 热力公司也不管",
    "暖气好几天没人来修",
    "下雨小区的路都淹了 车都过不去",
    "楼下的花坛被水泡了",
    "燃气公司什么时候来安检",
    "燃气灶的火苗发红 是不是有问题",
    "电动车电瓶鼓包了 怕着火",
    "这个电梯太吓人了 哪天非把人困里面不可",
    "我家孩子和他家孩子打闹 没事",
    "楼下小孩玩火 被我制止了",
    "烟感老是乱响 根本没烟",
    "去年楼里着过火 现在楼道还是黑的",
    "以前有人在这掉进井里过",
    "水龙头坏了 一直滴水",
    "家里下水道堵了 水漫不下去",
    "他威胁说要打我 我没敢吭声",
    "楼上往下扔东西 差点砸到人",
    "电线杆上的线掉下来了 还好没碰到人",
    "热水器漏电 洗澡有点麻 —",
    "小区门口的下水井又冒了 一地的污水",
    "我家老头中风了 半边身子不能动 想找人帮忙照顾",
    "楼下烧烤摊的烟太大了 熏得开不了窗",
    "防火门老是被人打开",
    "打我妈电话一直不接 帮我去看看",
    "窗户被打碎了",
]


@pytest.fixture(scope="module")
def detector() -> UrgencyDetector:
    return UrgencyDetector(lexicon()["urgency"])


@pytest.mark.parametrize(("hazard", "text"), URGENT)
def test_danger_now_is_urgent_with_its_hazard(
        detector: UrgencyDetector, hazard: str, text: str) -> None:
    assert detector.hazard(normalize(text)) == hazard


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_negated_hypothetical_past_and_figurative_cues_are_not_urgent(
        detector: UrgencyDetector, text: str) -> None:
    assert detector.hazard(normalize(text)) is None


def test_fire_outranks_the_injuries_it_causes(detector: UrgencyDetector) -> None:
    assert detector.hazard(normalize("着火了 有人受伤了")) == "fire"


def test_every_hazard_has_emergency_numbers() -> None:
    from app import seeds

    assert set(lexicon()["urgency"]["order"]) <= set(seeds.emergency()["hazards"])


def test_a_gated_cue_needs_its_setting_somewhere_in_the_message(detector: UrgencyDetector) -> None:
    assert detector.hazard(normalize("电梯停了 我闺女在里面出不来")) == "trapped"
    assert detector.hazard(normalize("孩子在里面出不来 快来人")) is None  # no lift, no trap cue
    assert detector.hazard(normalize("对门大爷好几天没动静了")) == "medical"
    assert detector.hazard(normalize("报修好几天没动静了")) is None  # no person


def test_negation_hypothesis_and_past_also_block_gated_cues(detector: UrgencyDetector) -> None:
    assert detector.hazard(normalize("电梯上礼拜困了人 现在修好了吗")) is None
    assert detector.hazard(normalize("电梯老坏 万一困了人咋办")) is None


def _literal_cues() -> list[tuple[str, str, str]]:
    """(hazard, cue, setting) for every literal cue in the lexicon; regex cues have examples above."""
    spec = lexicon()["urgency"]
    meta = set(".^$*+?{}[]\\|()")
    out = [(h, str(c), "") for h in spec["order"] for c in spec["cues"].get(h) or () if not meta & set(str(c))]
    for group in spec.get("gated") or ():
        setting = next(str(w) for w in group["when"] if not meta & set(str(w)))
        out += [(group["hazard"], str(c), setting) for c in group["cues"] if not meta & set(str(c))]
    return out


@pytest.mark.parametrize(("hazard", "cue", "setting"), _literal_cues())
def test_every_literal_cue_on_its_own_is_urgent(
        detector: UrgencyDetector, hazard: str, cue: str, setting: str) -> None:
    order = lexicon()["urgency"]["order"]
    found = detector.hazard(normalize(f"{setting} {cue}".strip()))
    assert found is not None and order.index(found) <= order.index(hazard), (cue, found)


@pytest.mark.parametrize(("text", "hazard"), [
    ("厨房一股怪味 像臭鸡蛋 是不是煤气漏了", "gas"),  # 是不是 asks, it does not negate
    ("不是煤气漏了 是下水道的味", None),
    ("燃气报警器一直响 燃气公司测过了没漏气", None),  # checked and fine: gas only
    ("楼下有人在砸我家门 说要弄死我", "violence"),
    ("楼下那户老说我家吵 上来砸门 我家根本没人", None),  # a habitual quarrel, not an attack now
    ("家里的插座一插就噼啪冒火星", None),  # sparks are not flames
    ("插座冒火星 还有股焦糊味", "fire"),
    ("Please call an ambulance, my father collapsed", "medical"),
    ("Cars block the lane so an ambulance couldn't get in last week", None),
])
def test_questions_all_clears_quarrels_and_sparks_are_read_for_what_they_are(
        detector: UrgencyDetector, text: str, hazard: str | None) -> None:
    assert detector.hazard(normalize(text)) == hazard


# Written with tests/unit/data/holdout_6.jsonl (issue 3, generalising round): urgent phrasings no
# earlier cue covered, and the look-alikes that the broader cues must leave alone.
@pytest.mark.parametrize(("hazard", "text"), [
    ("flood", "楼上漏水 水顺着灯往下流 客厅已经一地水了"),  # a floor of water in a home
    ("flood", "污水从我家厨房地漏往上冒 满地都是 快来人"),
    ("flood", "卫生间漏水 地上全泡着水 还在往外流"),
    ("trapped", "电梯突然往下掉了好几层 现在卡住了 里面三个人"),  # people counted inside a lift
    ("medical", "对面楼的老头坐在地上半天了 扶他他说腿没劲站不起来"),
    ("medical", "我爸刚才打电话说胸口疼得厉害 我在外地"),
    ("violence", "对门那男的喝多了踹我家门 说要弄死我们一家"),
    ("gas", "孩子说有股怪味 我一闻是煤气 现在开窗了"),
    ("gas", "My neighbour's kitchen smells strongly of gas and nobody answers"),
    ("fire", "昨天晚上就着过一回 现在又冒烟了"),  # a "now" word cancels the past word before it
    ("medical", "电动车把老人撞倒在地上 起不来了"),  # 把 + a person is no pouring
    ("medical", "对门的大爷在家摔了 我听见他在里面喊 门打不开"),
])
def test_urgent_phrasings_found_in_the_sixth_held_out_set(
        detector: UrgencyDetector, hazard: str, text: str) -> None:
    assert detector.hazard(normalize(text)) == hazard


@pytest.mark.parametrize("text", [
    "小区里的自来水管子在绿化带那破了 哗哗往外冒水 都流到马路上了",  # outdoors: a repair
    "門口的柏油路裂開好幾道口子 下雨就往裡灌水",
    "厨房的下水到堵了 水下不去 都漫到池子边了",  # up to a sink's rim is no flood
    "楼道里谁家放的垃圾袋 汤汤水水流了一地",  # no home, and not a flood
    "电梯里的通风扇坏了 夏天进去闷得喘不上气",  # a degree complement is a figure of speech
    "路太滑了 昨天我在单元门口摔了一跤 现在腰还疼",  # yesterday's fall
    "惠泽小区东门口路中间一个大窟窿 晚上不注意就掉进去",  # if you don't watch out
    "有个大爷天天在楼下喂野猫 猫越来越多 半夜打架叫唤",  # an animal's fight
    "从昨天开始就这样 楼道里的灯不亮",
    "楼道里有人把剩饭剩菜倒在楼梯上 招得全是苍蝇",  # 倒在 pours here: 把 + something poured
    "单元门口停了辆货车 一停就是一晚上 还打着火",  # an engine running
    "儿童游乐区的蹦床破了个大洞 孩子一踩就掉进去",  # what would happen, not what did
    "民馨家园里面有人养鸽子 一群一群的",  # someone keeps pigeons there
])
def test_look_alikes_found_in_the_sixth_held_out_set_are_not_urgent(
        detector: UrgencyDetector, text: str) -> None:
    assert detector.hazard(normalize(text)) is None


def test_a_flood_is_urgent_in_a_home_but_not_only_outdoors(detector: UrgencyDetector) -> None:
    assert detector.hazard(normalize("水管爆了 水哗哗往外喷")) == "flood"
    assert detector.hazard(normalize("马路上的水管爆了 水哗哗往外喷")) is None
    assert detector.hazard(normalize("马路上的水管爆了 水都灌进客厅了")) == "flood"


def test_a_gate_with_two_settings_needs_both(detector: UrgencyDetector) -> None:
    assert detector.hazard(normalize("卫生间漏水 满地都是")) == "flood"  # water and a room
    assert detector.hazard(normalize("楼道里漏水 满地都是")) is None  # no room of a home
    assert detector.hazard(normalize("家里满地都是 收拾不过来")) is None  # no water


def test_a_past_word_is_cancelled_by_a_now_word_between_it_and_the_cue(detector: UrgencyDetector) -> None:
    assert detector.hazard(normalize("昨天摔了一跤")) is None
    assert detector.hazard(normalize("昨天摔了一跤 今天又摔倒了")) == "medical"


def _phrasings() -> tuple[list[tuple[str, str]], list[str]]:
    """tests/unit/data/urgency_phrasings.txt: (hazard, text) urgent, and look-alike texts."""
    from pathlib import Path

    urgent, calm = [], []
    path = Path(__file__).resolve().parent / "data" / "urgency_phrasings.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        hazard, _, text = line.partition("|")
        (calm.append(text) if hazard == "-" else urgent.append((hazard, text)))
    return urgent, calm


def test_every_written_urgent_phrasing_is_caught_and_few_look_alikes_are(detector: UrgencyDetector) -> None:
    """Recall must be complete (issue 3); a false alarm costs a call, so a few are tolerated."""
    urgent, calm = _phrasings()
    missed = [text for _, text in urgent if detector.hazard(normalize(text)) is None]
    alarms = [text for text in calm if detector.hazard(normalize(text)) is not None]
    assert not missed
    assert len(alarms) <= 0.05 * len(calm), alarms


def test_smoke_from_a_barbecue_or_burnt_paper_is_no_fire_unless_a_fire_is_named(detector: UrgencyDetector) -> None:
    assert detector.hazard(normalize("有人在楼下烧纸 烟挺大")) is None
    assert detector.hazard(normalize("对面楼有人在阳台上烧烤 冒烟")) is None
    assert detector.hazard(normalize("楼下烧烤店着火了 冒烟 火很大")) == "fire"
    assert detector.hazard(normalize("有人在楼下烧纸 烟很大 旁边的草垛着了")) == "fire"  # a fire named


# Written with tests/unit/data/holdout_12.jsonl and holdout_13.jsonl (elderly and dialect; young,
# English and Traditional): classes of urgent wordings no cue covered, in new words of our own.
@pytest.mark.parametrize(("hazard", "text"), [
    ("shock", "我家老头修灯泡 叫电给打了 现在手直哆嗦"),  # 让/叫/给 电 + a blow: an electric shock
    ("shock", "装修师傅碰了电闸箱 让电击了一下 人坐地上了"),
    ("shock", "孩子拿钥匙捅插座 让电打了一下 小手都黑了"),
    ("medical", "我妈一个人在家 从大前天起打她电话就没人接了"),  # days without an answer
    ("medical", "我姥姥一个人住 这几天电话一直都打不通 我在外地"),
    ("medical", "老父亲独居 从前天开始手机一直关机 邻居也说没见他"),
    ("medical", "楼上掉下来个花盆 砸着一个老太太 头上流了好些血"),  # bleeding, said with a measure
    ("medical", "大风把广告牌刮倒了 一个大爷腿压在底下了 抽不出来"),  # pinned under something
    ("medical", "健身器材的铁杆断了 砸到一个孩子 哭得厉害"),
    ("flood", "洗衣机进水管脱了 水一直往外喷 关了阀门也止不住 卧室都泡了"),  # cannot be stopped
    ("flood", "下水道往上返黑水 怎么堵都堵不住 厨房里全是水"),
    ("flood", "卫生间地漏往外冒脏水 一屋子臭水 我们老两口弄不了"),
    ("gas", "楼道里有股特别冲的煤气味 不知道谁家的"),  # 特别 is no 别 (a negation)
    ("gas", "厨房里特别重的燃气味 我已经把阀门关了"),
])
def test_urgent_wordings_found_in_the_twelfth_and_thirteenth_held_out_sets(
        detector: UrgencyDetector, hazard: str, text: str) -> None:
    assert detector.hazard(normalize(text)) == hazard


@pytest.mark.parametrize("text", [
    "让电工来看看我家插座 一插就跳闸",  # an electrician, not a shock
    "燃气灶的电打火坏了 点了半天打不着",
    "物业电话打了好几天都没人接 他们到底管不管",  # nobody answers at an office: no person at risk
    "给维修师傅打了三天电话都不接 暖气还是不热",
    "树枝掉下来砸着车了 车顶都凹了",  # a car, not a person
    "那个花盆放在窗台外面 早晚得砸着人",  # what will happen
    "水龙头关不严 一直滴滴答答的 怎么拧都止不住",  # a dripping tap is no flood
    "一屋子水汽 卫生间的排风扇坏了",
    "小区门口的污水井冒黑水 流得到处都是 臭死了",  # an outdoor manhole: a repair, no home flooded
    "化粪池满出来了 单元门口到处都是粪水",
    "天天停电 冰箱里的菜都快不行了",  # an appliance or food "不行了" is no patient
    "这空调快不行了 呼呼响也不制冷",
    "电梯困人的话该打哪个电话",  # a conditional question
    "遇到燃气泄漏应该怎么办 社区能不能讲讲",
    "一旦电梯关人了 找谁",
    "停车位天天被占 气得我冒烟",  # a figure of speech
    "天太热了 渴得嗓子冒烟 小区的饮水机还坏了",
    "对门天天往我家门口扔垃圾 急得我头上冒烟",
])
def test_look_alikes_found_in_the_twelfth_and_thirteenth_held_out_sets_are_not_urgent(
        detector: UrgencyDetector, text: str) -> None:
    assert detector.hazard(normalize(text)) is None


def test_the_new_scopes_keep_the_emergency_they_name(detector: UrgencyDetector) -> None:
    assert detector.hazard(normalize("污水井返水 我家卫生间和客厅全淹了")) == "flood"  # a home is named
    assert detector.hazard(normalize("我爸快不行了 快叫救护车")) == "medical"
    assert detector.hazard(normalize("电梯困人了 打哪个电话啊 快点")) == "trapped"
    assert detector.hazard(normalize("楼下冒烟了 快来人")) == "fire"
    assert detector.hazard(normalize("我被电打了一下 手麻")) == "shock"


# Classes from tests/unit/data/holdout_14.jsonl (building leads relaying, shop owners, renters):
# the message itself dismisses the hazard (不是煤气), or the people trapped were already got out.
@pytest.mark.parametrize("text", [
    "厨房下水口一股臭鸡蛋味 燃气公司来测了说不是燃气 是管道返的",
    "不是天然气 是地漏返上来的臭鸡蛋味 一到晚上就有",
    "楼道里有股怪味 像臭鸡蛋 物业说并不是煤气 让找疏通的",
    "The bathroom smells of rotten eggs. It's not gas, the plumber says it's the drain",
    "前天晚上5号楼电梯困了两个人 半小时后物业才给放出来了 这事得有个说法",
    "上个月电梯关了个老太太在里面 后来维保来人给弄出来了 到现在也没查原因",
    "去年冬天电梯把我困住四十分钟 最后是消防给救出来了 现在又开始咣当响",
    "电梯困人了 后来消防来救出来了 人没事 但电梯一直停着",
])
def test_a_dismissed_gas_smell_or_a_trap_already_over_is_not_urgent(
        detector: UrgencyDetector, text: str) -> None:
    assert detector.hazard(normalize(text)) is None


@pytest.mark.parametrize(("hazard", "text"), [
    ("gas", "不是下水道的味 是煤气味 越来越浓了"),  # the drain is denied, not the gas
    ("gas", "一股臭鸡蛋味 不是下水道 应该是燃气漏了"),
    ("gas", "我以为是下水道 结果是燃气表那漏气 嘶嘶响"),
    ("trapped", "电梯困人了 还没救出来 里面有个孩子"),
    ("trapped", "上礼拜刚修的电梯 现在又困人了 我妈在里面"),
    ("trapped", "电梯卡在6楼 里面有人 喊了半天没人放出来"),
    ("gas", "My mum says she can smell gas in her kitchen, it's not the drain"),
])
def test_the_emergency_stays_when_only_something_else_is_dismissed(
        detector: UrgencyDetector, hazard: str, text: str) -> None:
    assert detector.hazard(normalize(text)) == hazard


# Classes from tests/unit/data/holdout_15.jsonl (examples written for these tests): a thing that fell
# into a well (and was fished out), an injury that is the background of a request for help, a danger
# said as "一着火 / 一被困" (whenever it happens), and a knife used on things rather than people.
@pytest.mark.parametrize("text", [
    "谁能帮忙捞一下掉进雨水井里的手机 就在惠泽小区东门",
    "孩子的玩具掉进窨井里了 够不着",
    "物业师傅帮我把掉到下水道里的车钥匙掏上来了 特别感谢",
    "前几天钱包掉进井里 保安大哥给捞上来了",
    "我最近腰椎骨折了 行动不便 想请社区帮忙买点菜",
    "老伴这阵子腿摔伤了 下不了楼 能不能有志愿者帮着取药",
    "前段时间我胳膊骨折了 孩子没人接送 社区能帮忙吗",
    "楼道里堆满了纸箱子 一着火谁都跑不了",
    "地下室住了十几个人 电线乱拉 一起火就麻烦了",
    "这电梯三天两头坏 一被困就是半小时 什么时候换",
    "车棚里的车座子被人拿刀割了好几道口子",
    "我家电动车的车胎被人拿刀扎了 这是第三回了",
    "有熊孩子拿刀在电梯墙上刻字 物业也不管管",
    "健身器材的皮垫子不知道被谁拿着刀划烂了",
])
def test_look_alikes_found_in_the_fifteenth_held_out_set_are_not_urgent(
        detector: UrgencyDetector, text: str) -> None:
    assert detector.hazard(normalize(text)) is None


@pytest.mark.parametrize(("hazard", "text"), [
    ("trapped", "有个小孩掉进没盖的污水井里了 快来人"),
    ("trapped", "老人掉进路边的深沟里 还没拉上来 快来帮忙"),
    ("trapped", "我的手机掉了 我家孩子也掉进井里了"),
    ("medical", "我爸刚才在楼道摔倒了 腿好像骨折了 站不起来"),
    ("medical", "最近天冷路滑 刚有个老太太在单元门口摔倒了 起不来"),
    ("medical", "最近我妈身体不好 今天突然晕倒了 叫不醒"),
    ("fire", "小区发生一起火灾 3号楼那边 快来"),
    ("fire", "一楼着火了 烟往上窜"),
    ("fire", "3号楼一家着火了 快打119"),
    ("violence", "有人拿刀划伤了一个人 就在小区门口"),
    ("violence", "那个男的拿刀把他脸划了 流了好多血"),
    ("violence", "楼下有个人拿着刀在追人"),
    ("violence", "我被人拿刀扎了 在惠泽小区门口"),
])
def test_the_danger_stays_next_to_the_fifteenth_sets_look_alikes(
        detector: UrgencyDetector, hazard: str, text: str) -> None:
    assert detector.hazard(normalize(text)) == hazard


# Wordings found in the blind sets holdout_16..56 (tests/unit/data; every example below was written
# for these tests, not taken from a set): each round's urgent ones, then its look-alikes.
FOUND_URGENT = [
    # Classes from tests/unit/data/holdout_16.jsonl and holdout_17.jsonl (examples written for these
    # tests): a kitchen flue on fire, gas known by its smell and what it does to people, a beating
    # chased across a landing, someone not seen all week, English falls and cries for help.
    ("fire", "饭店的油烟道着火了 火往上窜"),
    ("fire", "饭店后厨的油烟管道冒火了 快来人"),
    ("fire", "听说隔壁着火了 现在楼道里全是烟"),
    ("fire", "楼下后厨着了 快叫消防"),
    ("gas", "打了几次火都没打着 屋里一股怪味 现在头晕想吐"),
    ("gas", "屋里生着炉子 门窗关着 一家人都头疼恶心"),
    ("gas", "厨房有股臭鸡蛋一样的味 越来越重"),
    ("gas", "灶台底下一直嘶嘶响 不敢点火"),
    ("violence", "那男的追着他媳妇打 满楼道跑"),
    ("violence", "有人追着一个老太太打 就在单元门口"),
    ("medical", "对门老太太这个礼拜一次都没见着 电话也关机"),
    ("medical", "楼下大爷这星期一回都没露面 敲门也没人应"),
    ("medical", "She fell in the kitchen and can't reach the phone"),
    ("medical", "I can hear my neighbour calling for help through the door"),
    ("medical", "my mum has fallen and is crying for help"),
    ("medical", "我妈瘫痪三年了 今天从床上摔下来了 起不来"),
    ("medical", "听我说 我爸刚才晕倒了 叫不醒"),
    ("medical", "刚听说我爸在家晕倒了 叫不醒"),
    ("trapped", "我家孩子天天坐这电梯 今天被困在里面了"),
    ("fire", "以为是谁家做饭 结果是楼下着火了 烟特别大"),
    ("gas", "燃气报警器一直响 屋里全是煤气味"),
    ("trapped", "我家孩子被困在电梯里了 出不来"),
    ("flood", "水管爆了 家里淹了 水还在涨"),
    # Classes from tests/unit/data/holdout_18.jsonl and holdout_19.jsonl (examples written for these
    # tests): a live wire down and "cut the power", someone still inside a sunken car or a fallen shed.
    ("shock", "路边电线断了搭在铁门上 孩子摸了一下就倒了 快断电"),
    ("shock", "高压线掉下来落在车棚顶上 噼啪冒火星 快拉闸"),
    ("trapped", "车库顶塌了 底下还压着人"),
    ("trapped", "车掉进路上的大坑里了 里面还坐着个老人 出不来"),
    # Classes from tests/unit/data/holdout_20.jsonl and holdout_21.jsonl (examples written for these
    # tests): in-laws and "老X头" not answering for days; a worry said as 砸着人咋整, a light that will not
    # go off, hedges cut, a fall that is the reason for a repair, a condition since a stroke, a spill at
    # a building's door.
    ("medical", "我公公一个人住 三天了电话都打不通 我们在外地"),
    ("medical", "楼下老张头两天没下楼了 敲门也不应"),
    ("medical", "脑梗以后他一直在家 今天突然说不出话了"),
    ("medical", "晾衣架倒了 砸着人了 头上流血"),
    ("fire", "厨房着火了 用水浇也灭不了"),
    ("flood", "家里水管爆了 水漫到单元门口了 屋里全淹了"),
    # Classes from tests/unit/data/holdout_22.jsonl (examples written for these tests): water poured into
    # a room, someone stuck down a hole, an old person with dementia gone missing; a scratch is no injury.
    ("flood", "暴雨 水从窗户往屋里灌进来了 半屋子水"),
    ("trapped", "路边的坑塌了 一个老人掉进去卡在里头出不来"),
    ("trapped", "井盖没了 有人连人带车栽进去了"),
    ("medical", "我爸老年痴呆 今天下午自己跑出去了 到现在找不着"),
    ("medical", "My grandpa has dementia and wandered off this morning, it is minus 20"),
    # Classes from tests/unit/data/holdout_23.jsonl (examples written for these tests): no sound after a
    # knock, water ankle-deep; a vine someone wants cut, geese chasing people.
    ("medical", "隔壁大爷一个人住 刚才屋里咣当一声 敲门就没动静了"),
    ("flood", "Water is coming up from the drain and it's ankle-deep in our living room"),
    # Classes from tests/unit/data/holdout_24.jsonl and holdout_25.jsonl (examples written for these
    # tests): "won't wake up" in English; "what if it burns again", "whenever it rains", "whoever walks
    # there would fall in", someone dumping things "in there", geese chasing people.
    ("medical", "My dad is diabetic, he is sweating and won't wake up"),
    ("trapped", "车库塌了 里面还有人 快来"),
    # holdout_26: rain poured into a home
    ("flood", "楼下的水全灌我家屋里了 还在涨"),
    # holdout_27: an overdose is a handful, not a bedtime pill
    ("medical", "我妈吃了一大把安眠药 叫不醒"),
    # holdout_28: water coming through the electrics
    ("flood", "楼上漏下来的水顺着灯座往下滴水 插座里也进水了"),
    # holdout_30..32: an English passer-by finding someone on the ground
    ("medical", "A man is lying on the ground by the gate and not moving"),
    ("medical", "old lady on the stairs, she no respond when I call her"),
    ("medical", "Someone collapsed near building 5, calling 120 now"),
    # …a missing person still not found, the all-clear only a question
    ("medical", "我姥姥老年痴呆 早上走丢了 到现在还没找着"),
    ("medical", "隔壁老太太三天没动静了 人没事吧 谁有她家钥匙"),
    # holdout_33..35: a door unopened, post piling up, calls ringing out (English); a burning smell; a
    # child bitten; someone still to be let out
    ("medical", "My neighbour hasn't opened her door since Monday and her newspapers are piling up"),
    ("medical", "He lives alone, his phone just rings out and nobody has seen him"),
    ("fire", "屋里一股烧焦的味道 不知道哪来的"),
    ("medical", "那条狗把孩子咬伤了 流了好多血"),
    ("trapped", "电梯困人了 快把人放出来"),
    # holdout_36..38: water into her home, over the slippers and still coming; a fall in a kitchen
    # (English); someone lying still; a real fight
    ("flood", "楼上水管裂了 水全灌她家去了 老太太一个人在家"),
    ("flood", "水已经没过拖鞋了 还在往屋里流"),
    ("medical", "My neighbour fell in her bathroom and cannot get up"),
    ("medical", "隔壁大爷躺在楼道里一动不动"),
    ("violence", "两个人在楼下打架 都见血了"),
    # holdout_39 (English, by foreign tenants and locals writing English): danger said in everyday words
    ("gas", "There is a smell like rotten eggs in the stairwell and it is getting stronger"),
    ("gas", "the gas pipe in the corridor is hissing after the movers hit it"),
    ("shock", "He touched the socket and got a nasty shock, now his arm is numb"),
    ("flood", "Water is pouring in through the window and it's up to my ankles"),
    ("flood", "the pipe under the sink broke, water all over the floor and it keeps coming"),
    ("trapped", "my son is stuck in lift between floor 5 and 6"),
    ("trapped", "I can hear someone in the elevator, the door won't open"),
    ("trapped", "her fingers are still caught in the lift door"),
    ("trapped", "a kid fell into the manhole by the gate"),
    ("violence", "the man next door says he will kill me, he is outside my door"),
    ("violence", "two men having a punch-up in the car park, one keeps kicking him"),
    ("violence", "he came at my dad with a shovel"),
    ("medical", "my mother was bitten by a stray dog, lots of blood"),
    ("medical", "a cyclist was hit by a car at the gate and is screaming in pain"),
    ("medical", "my grandfather fainted in the bathroom"),
    # holdout_42..44: a quilt set alight by a stove, a fall on the stairs (English)
    ("fire", "炉子倒了把被子引着了 老人自己出不来"),
    ("medical", "My mum fell on the stairs and can't move her leg"),
    # holdout_45..47: electrics sparking under flood water, a door smashed in (English), not answered or
    # seen since Monday (English), someone down in a corridor, "these two days" (not "a few days ago")
    ("shock", "配电箱让雨水泡了 滋啦滋啦冒火花 孩子还在边上蹚水"),
    ("violence", "He is smashing my door with a hammer, please call the police"),
    ("medical", "My mother has not answered her phone since Monday and nobody has seen her"),
    ("medical", "有个人倒在楼道里 叫也不应"),
    ("medical", "这两天对门大爷一直不接电话 敲门也没动静"),
    # holdout_48..50 (48: a second all-English set, first run 64.6% recall): more everyday English, and
    # voice input's 然气
    ("fire", "there's rather a lot of smoke drifting up from the bike shed and an orange glow inside"),
    ("fire", "ebike battery exploded in the corridor, its burning rn"),
    ("medical", "I've been calling her since Saturday and nobody picks up, she lives alone"),
    ("medical", "old man fall down at the gate, he cannot stand up, head have blood"),
    ("flood", "big rain, water come in my house from the door, now over my ankle and still coming in"),
    ("flood", "we woke up to 5 cm of water across the whole flat and the pipe is still leaking"),
    ("trapped", "lift wont open, been in here since 9 and it's getting hot"),
    ("violence", "neighbours quarrel became fighting, the man used a chair to hit the other man"),
    ("flood", "radiator valve snapped off, boiling water shooting across the bedroom"),
    ("medical", "a pack of dogs surrounded an old woman and they bite her"),
    ("trapped", "an old man just fell in up to his chest, he is stuck and crying out"),
    ("medical", "the hoop came down on a teenager, he is lying there with blood on his head and not talking"),
    ("gas", "楼道里然气味儿好大 从二楼到五楼都能闻着"),
    # holdout_53 (a third all-English set, first run 87.5% recall): a door not opened for days with the
    # phone ringing inside, sewage spreading into a bedroom, water still rising, banging from inside a
    # lift, "I'm inside", a hammer waved at someone, stuck "half an hour ago" (recent, not past)
    ("medical", "Old man next door lives alone, four days he does not open, telephone is ringing inside"),
    ("flood", "The toilet is pushing sewage back up and it's spreading into the bedroom"),
    ("flood", "Storm water came in under the door, the lounge is under 10cm of water and still rising"),
    ("trapped", "Someone is banging on the lift doors from the inside and shouting"),
    ("trapped", "the lift stopped between floors and won't open, im inside with my dog"),
    ("violence", "the guy upstairs is waving a hammer at my mum, we locked ourselves in the bedroom"),
    ("trapped", "I appear to be stuck in the lift, it stopped between floors about half an hour ago"),
    # holdout_55: fireworks set a heap alight, flames leaping "一窜一窜", a shovel carried to smash windows
    ("fire", "楼顶有人放烟花 把上面堆的杂物点着了 火苗一窜一窜的"),
    ("violence", "隔壁那家拎着铁锹来砸我家窗户 孩子吓得直哭"),
]

FOUND_CALM = [
    # …and their look-alikes: a spill already mopped up, a gas check that found nothing, a detector's
    # false alarm, a thing that only looks as if it might catch fire, hearsay, a lift that traps people
    # habitually, a scare that turned out well, long-term care, a hazard named as a risk, a pet stuck.
    "厨房地漏返水 还好就一点 拿拖把擦干了",
    "卫生间淹了一点 好在没多少 已经收拾了",
    "闻着有点像煤气 燃气公司来测了说不漏气",
    "燃气报警器响了半天 师傅来看了说是误报 报警器该换了",
    "一开始以为是漏气了 后来发现是垃圾桶里的臭鸡蛋",
    "电箱那里噼啪响 看着像要冒火 其实是接触不好",
    "听说隔壁小区有人被困电梯了 咱们的电梯也该查查",
    "听说前面那栋楼着火了 是真的吗",
    "这电梯老困人 天天困 上个月困了三回",
    "我妈一上午没接电话 吓坏了 后来才知道她去赶集了 人好好的",
    "爷爷一天没回消息 虚惊一场 手机没电了",
    "我爸卧床好几年了 家里人抬不动 有没有上门助浴的服务",
    "凉亭的石凳晃 老人坐上去有摔倒隐患",
    "楼道电线乱拉 存在触电隐患和着火隐患",
    "有只猫卡在暖气片后面出不来 谁能帮忙",
    "小狗被锁在阳台上叫了一天 主人不在家",
    "去年水管冻裂 淹了半条路 今年早点包保温",
    # …and their look-alikes: a gas stove that will not light and does not smell, a quilt burned by a
    # cigarette end, a worry about "some day", a carer asking for help with bathing.
    "燃气灶点不着 闻着也没啥味 是不是没气了",
    "煤气表不走字了 屋里没有味 找谁来看看",
    "楼上扔下来的烟头把我家晒的被子烫了个洞",
    "配电箱夏天老是一股焦味 怕哪天出事 找人查查",
    "我妈瘫在床上 我一个人扶不动她 有没有上门帮忙洗澡的",
    "楼下的广告牌松了 掉下来砸着人咋整",
    "楼道的灯二十四小时亮着 灭不了 费电",
    "小区的灌木让人砍了一大片",
    "单元门口的台阶结冰了 我早上摔了一跤 能不能撒点融雪剂",
    "我爸中风以后说话不清 想申请上门送餐",
    "单元门口有人倒了一桶脏水 流得到处都是",
    "路上有个坑 孩子摔了一跤 就擦破点皮 赶紧填上吧",
    "楼下的猫卡在坑里出不来了",
    "两家为了门口那棵树吵起来了 一个要砍一个不让",
    "邻居家养的鹅天天追着人啄",
    "家里老人有点糊涂 出门就找不着家 能不能帮着留意",
    "我奶奶老年痴呆 最近老找不到回家的路",
    "楼道里又堆满了纸箱子 再烧起来咋整",
    "小区门口一下雨门口就是一片汪洋",
    "路边塌了个坑 晚上谁走那准掉进去",
    "草丛里头还有人扔了个旧沙发",
    "邻居家的大鹅见了孩子就追着人拧",
    # holdout_26: "where would we run if it burned", a lost old man already brought back, a dog kept in a garage
    "消防通道的门被锁死了 真着火了往哪跑",
    "我爸老年痴呆 昨天又走丢了 好在让人给送回来了",
    "邻居的大狗平时关在车库里 一开门就往外冲",
    # holdout_27: a sleeping pill that does not help, breathless whenever a smell comes
    "楼上天天半夜跺脚 吃了安眠药都睡不着",
    "垃圾桶好几天没倒 我有哮喘 一闻那味就喘不上气",
    # holdout_30..32: a disease named by what it does, cold wind pouring through a broken window, a
    # widow who stays in all day, a worry that ended well, a lost father already found, sewage at the
    # entrance outside
    "小区老鼠到处跑 出血热可不是闹着玩的 赶紧灭鼠吧",
    "楼道窗户破了 冷风嗖嗖往里灌",
    "我妈自从我爸走了就整天不出门 能不能有人来陪她聊聊",
    "楼下大爷好几天没动静 敲开门一看人没事 就是感冒了 能帮他买点药吗",
    "我爸老年痴呆 昨天下午走丢了 晚上在公园找着的 想给他办个定位手环",
    "下水道返上来了 一楼单元门口全是污水 臭得不行",
    # holdout_33..35: charred furniture left behind, a wet public toilet, a lift that let people out
    # only after an hour, "luckily nobody was hurt", an injured stray, a scorched quilt cover
    "楼道里堆着烧焦的旧沙发 谁来清走",
    "公共卫生间地上全是水 也没人拖",
    "电梯困了人 一个钟头后才放出来 物业得管管",
    "电梯突然停了 困了人 好在人都没事 现在修好了",
    "楼下有只流浪猫受伤了 腿瘸了 谁能帮着送医院",
    "楼上扔烟头 把我家被罩烫了个洞",
    # holdout_36..38: a van that has not moved for months, an anti-wandering bracelet, a drum kit, white
    # smoke that was a drill, someone reached after all, "before a child gets hurt", a hurt stray named
    # after its wound, a talk on preventing falls, an alarm with no smell, a claim for damages
    "小区门口那辆面包车一动不动停了半年了 没人管",
    "给老人办一个防走失的定位手环要什么手续",
    "楼上孩子半夜打架子鼓 吵得睡不着",
    "今天小区冒白烟 吓一跳 原来是物业在搞消防演练",
    "对门大爷三天没露面 我们挺担心 后来联系上了 他去闺女家了",
    "滑梯的螺丝松了 麻烦在孩子受伤之前修好",
    "车棚里有只后腿受伤的流浪猫 谁能帮忙",
    "社区能不能办个防跌倒的讲座",
    "燃气报警器半夜响了 我闻了闻没味 是探头坏了",
    "楼下说我家水管漏了淹了他家 要我赔五千 我不认",
    # holdout_39..41: an animal bitten, a leg broken weeks ago, a walking stick, tap water, last winter's
    # burst pipe (the whole English sentence is in the past), a scare that ended well (English), a dog
    # "attacking" rubbish bags; welding sparks, ash dumped by the road
    "A stray dog bit my neighbour's cat and now it hangs around the gate",
    "I am on the 9th floor with a broken leg and the lift is out of service",
    "Could you add a handrail on the slope? I walk with a stick",
    "The water coming out of the tap is brown",
    "Last winter our heating pipe burst and flooded the kitchen, please inspect it before the season",
    "I reported my neighbour not answering her door, turned out she was fine, thank you",
    "a dog attacked the rubbish bags again, trash everywhere",
    "楼下电焊带着火星乱溅 也没人管",
    "平房那片把炉灰直接倒在小区路边 一刮风全是灰",
    # holdout_42..44: a room full of a smell (not of water), puddles whenever it rains, ruts deep enough
    # to cover a foot, help bathing a mother-in-law paralysed for years
    "下水管裂了 往外渗脏水 一屋子骚味",
    "小区的路全是坑 一下雨水能没过脚脖子",
    "路让重卡压出两道车辙 深得能没过脚面",
    "想给婆婆申请上门助浴 她偏瘫好几年了 我一个人抱不动",
    # holdout_45..47: a worry a few days ago that was a visit, a lamp post lying by the road, spilt water
    # frozen, snow melt in a lift, a wet lift panel, a smell already checked, a child at home by day
    "前两天对门大爷一直不接电话 结果人去闺女家住了",
    "路灯让货车撞倒了 倒在路边一直没人扶",
    "楼道暖气管子冻裂了 漏了一地水全成冰了",
    "电梯里地上全是雪水 滑得很",
    "电梯按钮面板进水了 一按就乱跳",
    "刚才闻到一点煤气味 燃气公司来人查过了 阀门关好没事了",
    "邻居家孩子白天一个人锁在家里 能不能有人帮着照看",
    # holdout_48..50: grass up to the knee, "nearly fell", a driver who does not pick up, a fire put out,
    # "is it a leak?", "them" is no one in danger, wind pouring in, "not urgent", trees cut
    "The grass in the green belt is up to my knee, please cut it",
    "My neighbour nearly fell down the stairs last night, someone will break a leg",
    "A black car blocks the gate, nobody picks up the number on the dashboard",
    "昨天晚上电动车冒烟 几个邻居拿灭火器给喷灭了 现在没事了",
    "燃气公司让我查查是不是漏气 我抹了肥皂水没起泡 也没闻着味儿",
    "物业把快递全堆在门岗外面 丢了好几个 找他们 他们说不管",
    "楼道窗户玻璃碎了 冬天往里灌风",
    "我一个人在家发烧 起不来床 不是急事 谁能帮我买盒退烧药",
    "草坪让人踩秃了 树也让人砍了好几棵",
    # holdout_51/52: a receipt that cannot be found (not a mother), "I thought someone was shut inside"
    "暖气费我妈交过了 可收据找不着了 现在说要补交",
    "昨天电梯停了 我还以为谁被关里面了 原来是检修",
    # holdout_53: a past time after the cue in English, a stroke some time ago, a fire engine at a drill
    "Got trapped in the lift last Tuesday for an hour. Nothing has been fixed since, is it safe?",
    "My mother had a stroke and is paralysed down one side. How do we apply for the care subsidy?",
    "The fire drill last Saturday was brilliant, the kids loved the fire engine",
    # holdout_55: a drain grate that fell in (a thing, not a person)
    "西门边上的雨水箅子掉下去了 就剩个大窟窿",
]


@pytest.mark.parametrize(("hazard", "text"), FOUND_URGENT)
def test_urgent_wordings_found_in_the_later_held_out_sets(detector: UrgencyDetector, hazard: str, text: str) -> None:
    assert detector.hazard(normalize(text)) == hazard


@pytest.mark.parametrize("text", FOUND_CALM)
def test_look_alikes_found_in_the_later_held_out_sets_are_not_urgent(detector: UrgencyDetector, text: str) -> None:
    assert detector.hazard(normalize(text)) is None
