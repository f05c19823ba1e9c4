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
