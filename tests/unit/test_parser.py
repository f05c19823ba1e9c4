"""The intake parser end to end: the dev set floor, the contract line, the CLI, odd input."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
import yaml

from app.parse_cli import CHUNK, build_parser, main
from domain.keywords import pairs_of
from domain.org import Place
from domain.parser import Parsed, Parser, contract_json

DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "intake_dev.jsonl"
PLACE = ("community", "building", "unit", "room")
# Floors a little below what the parser reaches (dev: 100 / 100 / 100 / 100 when written).
CATEGORY_FLOOR, PLACE_FLOOR, RECALL_FLOOR, PRECISION_FLOOR = 0.97, 0.97, 1.0, 0.9

# Written for these tests: category|urgent|community|building|unit|room|text ("-" = null).
EXAMPLES = """
noise|0|惠泽小区|8|-|-|惠泽8号楼楼下天天有人放那个网红神曲 一放就是一晚上😤
noise|0|-|-|-|-|楼上那家两口子天天半夜吵架摔东西 咣咣的 吵得我们全家睡不着
noise|0|瑞兴小区|-|-|-|瑞兴小区北边那个厂子晚上机器声特别大 嗡嗡嗡的
noise|0|-|-|-|-|周末早上七点就开始装修 能不能管管 规定不是八点以后吗
noise|0|万泉佳苑|11|2|-|万泉11栋2单元有家天天练架子鼓 咚咚的
fire_safety|0|滨河第一城|6|-|-|滨河一城6号楼楼梯间堆满了邻居家的杂物 自行车 花盆啥都有
fire_safety|0|-|-|-|-|有人把电动车停在单元门里头充电 插线板就放地上
fire_safety|1|民馨家园|3|2|-|民馨3号楼2单元楼道起火了 烟特别大 快来人
fire_safety|0|-|-|-|-|小区里的消防栓被车撞歪了 一直没人修
fire_safety|1|-|-|-|-|楼下电动车棚冒烟了 好像是电瓶炸了
fire_safety|0|东阳物流小区|-|-|-|物流小区的仓库和住宅楼挨着 里面放着好多易燃品 太危险了
sanitation|0|-|-|-|-|小区的垃圾桶都破了 垃圾漏一地 野猫野狗天天翻
sanitation|0|惠泽小区|-|-|-|惠泽小区中心花园里的树死了好几棵 没人管
sanitation|0|-|-|-|-|楼道里不知道谁家的猫砂倒在垃圾桶边上 味太大了
sanitation|0|万泉佳苑|5|-|-|万泉5号楼后面有人倒了一堆建筑垃圾 还有碎玻璃
sanitation|0|-|-|-|-|保洁阿姨好像不来了 楼道一个月没拖了
water|0|-|-|-|-|家里的下水道又堵了 这个月第三次了 是不是主管道有问题
water|1|惠泽小区|9|1|101|惠泽9号楼1单元101 下水道返水 家里全是污水 都漫到客厅了 快来人
water|0|滨河第一城|-|-|-|滨河第一城停水通知说中午来水 现在都晚上了还没来
water|0|-|-|-|-|楼顶的水箱溢水 顺着外墙往下流 冬天结冰了
water|1|-|-|-|-|楼上水管爆了 水顺着天花板往下灌 我家全淹了 楼上没人
heating|0|瑞兴小区|4|-|-|瑞兴4号楼今年暖气特别不热 整栋楼都是
heating|0|-|-|-|-|供暖费交了 暖气一直不热 能不能退钱
heating|0|-|-|-|-|暖气阀门坏了 拧不动 找谁修
heating|0|民馨家园|10|3|502|民馨家园10号楼3单元502室暖气片不热 麻烦来看看
heating|0|-|-|-|-|家里没人住 暖气能报停吗 怎么办手续
power_gas|1|-|-|-|-|厨房里煤气味很大 我把阀门关了 还是有味 怎么办
power_gas|0|-|-|-|-|天然气费涨价了吗 这个月怎么这么多
power_gas|0|万泉佳苑|-|-|-|万泉佳苑晚上经常停电 一停就是两三个小时
power_gas|1|-|-|-|-|我家孩子摸插座被电着了 现在哭个不停 手上有个黑点
power_gas|0|-|-|-|-|楼道里的电线被老鼠咬了 露出铜丝来了
lighting|0|-|-|-|-|楼道的灯老是一会儿亮一会儿不亮
lighting|0|东阳物流小区|2|-|-|物流小区2号楼门口的路灯不亮一个多月了
lighting|0|-|-|-|-|小区广场的灯到九点就关了 散步的人都摸黑
lighting|0|滨河第一城|-|-|-|滨河一城地下车库的灯一半都不亮
lighting|0|-|-|-|-|楼梯间的灯罩掉了 灯泡露着
road|0|-|-|-|-|小区门口的路被挖开一个多月了 也不修好
road|0|瑞兴小区|-|-|-|瑞兴小区里的路全是裂缝 下雨就往下渗
road|1|-|-|-|-|老人在小区路上的坑那摔倒了 起不来 腿好像断了
road|0|-|-|-|-|小区的台阶缺了个角 晚上看不清容易摔
road|0|惠泽小区|20|-|-|惠泽20号楼前的路面冻了一层冰 能不能撒点融雪剂
elevator|1|滨河第一城|3|1|-|滨河第一城3号楼1单元电梯困人了 我妈在里面 喊了半天没人
elevator|0|-|-|-|-|电梯三天两头坏 修了又坏 到底能不能换个新的
elevator|0|万泉佳苑|9|-|-|万泉佳苑9号楼电梯停了一上午 老人上不去楼
elevator|0|-|-|-|-|电梯里面的镜子碎了 玻璃渣子还在地上
elevator|0|-|-|-|-|电梯上下的时候一抖一抖的 坐着心里发慌
parking|0|-|-|-|-|小区门口有辆车停了三天了 挡着进出的路
property|0|惠泽小区|-|-|-|惠泽小区地面车位乱收费 一个月三百 凭啥
parking|0|-|-|-|-|有人在小区里停大客车 一停一整夜
parking|0|民馨家园|1|-|-|民馨1号楼底下老有人停车挡着单元门
parking|0|-|-|-|-|新能源车位被燃油车占了 物业也不管
property|0|-|-|-|-|物业收费不开发票 问就说没有
property|0|滨河第一城|-|-|-|滨河第一城物业把小区大门关了一个 大家出入绕远
property|0|-|-|-|-|单元门的闭门器坏了 门一直开着 冬天冷风往里灌
property|0|-|-|-|-|物业的人说话太难听了 我就问个事 他跟我吼
property|0|瑞兴小区|-|-|-|瑞兴小区的业主群里大家都要求换物业 怎么启动
dispute|0|-|-|-|-|楼上把空调外机装在我家窗户上面 滴水还吵 说了不挪
dispute|1|-|-|-|-|对门男的喝醉了拿着刀在楼道里喊要砍人 我们都不敢出门
dispute|0|-|-|-|-|邻居在楼道里养了一堆花 把过道占了一半 说了他还不高兴
dispute|0|惠泽小区|14|-|-|惠泽14号楼一楼把楼前的草地圈起来当院子了 别人都不让进
dispute|0|-|-|-|-|我家楼下开了个棋牌室 我去说了几句 他们就骂我
help|0|-|-|-|-|我奶奶九十多了一个人住 最近老说胸口闷 能不能有人去看看她
help|1|-|-|-|-|楼下老大爷在家摔倒了 我从窗户看见他躺地上不动 门锁着
help|0|万泉佳苑|16|-|-|万泉佳苑16号楼有个独居老人 冬天屋里特别冷 能不能帮帮他
help|0|-|-|-|-|我是残疾人 坐轮椅 想出门去医院 能不能找个志愿者帮忙推一下
help|1|-|-|-|-|隔壁的老太太三天没开门了 打电话也不接 怕出事
public_service|0|-|-|-|-|孩子转学需要社区开什么证明
public_service|0|-|-|-|-|老人的高龄补贴能不能直接打到卡上
public_service|0|东阳物流小区|-|-|-|我在物流小区住 户口在老家 孩子能在这边上学吗
public_service|0|-|-|-|-|养老保险断了几年 还能补交吗
public_service|0|-|-|-|-|想办个独生子女证 去哪里办
public_facility|0|-|-|-|-|小区里的健身器材太少了 能不能再装几个
public_facility|0|瑞兴小区|-|-|-|瑞兴小区的儿童乐园地面都裂了 孩子跑着容易摔
public_facility|0|-|-|-|-|楼下的长椅上全是鸟屎 没法坐
public_facility|0|-|-|-|-|社区的公告栏好久没更新了 还贴着去年的通知
public_facility|0|滨河第一城|-|-|-|滨河第一城的凉亭长椅被人锁上了 不让坐
animals|0|-|-|-|-|邻居在阳台上养了几只鸡 天天早上叫 还臭
animals|1|-|-|-|-|我家孩子被楼下的狗咬了 手上流血了 狗主人还不承认
animals|0|惠泽小区|-|-|-|惠泽小区里有条流浪狗 腿瘸了 有人能救助一下吗
animals|0|-|-|-|-|有人在楼道里喂猫 猫粮撒一地 还招来好多流浪猫
animals|0|-|-|-|-|小区池塘里有人放了好多乌龟 还有人钓鱼
other|0|-|-|-|-|请问社区的电话是多少
other|0|-|-|-|-|谢谢你们上次帮我修好了门 太感谢了
other|0|万泉佳苑|-|-|-|万泉佳苑能不能搞个亲子活动
other|0|-|-|-|-|测试一下
other|0|-|-|-|-|我要投诉网格员 上次的事他根本没管
noise|0|-|-|-|-|隔壁这装修都仨月了还没完 天天电钻滋滋的 孩子网课都上不了
noise|0|滨河第一城|-|-|-|滨河第一城南边工地晚上拉渣土的车一趟一趟的 轰隆隆一宿
noise|0|-|-|-|-|广场舞大妈们把音响搬到楼下了 早上六点就开始
noise|0|民馨家园|7|-|-|民馨7号楼有家人天天喝完酒在楼道里唱歌
noise|0|-|-|-|-|楼下饭馆的排风扇太响了 白天晚上都嗡嗡的
noise|0|-|2|-|-|Construction workers start hammering at 6am next to building 2
fire_safety|0|-|-|-|-|楼梯上放了好几袋子土和花盆 晚上下楼差点绊倒
fire_safety|0|惠泽小区|31|-|-|惠泽31号楼有人从三楼拉根线下来给电动车充电
fire_safety|0|-|-|-|-|我们楼的灭火器箱子是空的 一个灭火器都没有
fire_safety|0|万泉佳苑|-|-|-|万泉佳苑消防车道上建了个小棚子 卖水果的
fire_safety|0|-|-|-|-|地下室有人住人 还用电炉子做饭 太危险
fire_safety|1|瑞兴小区|2|-|-|瑞兴2号楼有家阳台着火了 火挺大 已经打119了
sanitation|0|-|-|-|-|垃圾站的垃圾堆得跟小山似的 一星期没拉了
sanitation|0|东阳物流小区|-|-|-|物流小区门口那块空地成了垃圾场 啥都往那扔
sanitation|0|-|-|-|-|小区草坪秃了好几块 也没人补种
sanitation|0|-|-|-|-|楼道里有人吐痰 墙上还有乱画的
sanitation|0|滨河第一城|12|-|-|滨河第一城12号楼门口的垃圾桶好几天没人倒了 都臭了
sanitation|0|-|-|-|-|树上的毛毛虫掉得满地都是 能不能打药
water|0|-|-|-|-|楼下水管子冻了 整个单元都没水
water|0|瑞兴小区|7|-|-|瑞兴7号楼的下水道老是反味 厕所里臭烘烘的
water|0|-|-|-|-|自来水龙头拧开哗哗往外冒白沫
water|0|-|-|-|-|小区门口的污水井盖冒污水好几天了 整条街都是味
water|0|万泉佳苑|13|-|-|万泉佳苑13号楼高层一到晚上就没水
water|0|-|-|-|-|The drain in our bathroom keeps backing up and smells awful
heating|0|-|-|-|-|屋里才十四度 暖气管子温温的 老人都开电褥子了
heating|0|惠泽小区|2|-|-|惠泽2号楼的暖气一到晚上就凉了
heating|0|-|-|-|-|交了取暖费 结果暖气还是冰凉的 找热力也没人管
heating|0|-|-|-|-|暖气片上的放气阀一直漏水 滴滴答答的
heating|0|民馨家园|-|-|-|民馨家园今年啥时候开始收暖气费
heating|0|-|-|-|-|家里装的地暖不热 是不是管子堵了 要清洗吗
power_gas|0|-|-|-|-|单元的电闸箱一直嗡嗡响 还发烫
power_gas|0|滨河第一城|15|-|-|滨河一城15号楼整栋楼停电了 说是电缆烧了
power_gas|0|-|-|-|-|燃气公司说我家燃气表要换 要收钱吗
power_gas|0|-|-|-|-|买的燃气插卡了没反应 是不是表坏了
power_gas|1|-|-|-|-|楼道里燃气味特别重 像是谁家漏气了
power_gas|0|-|-|-|-|电表转得飞快 家里也没开啥电器
lighting|0|-|-|-|-|楼道的声控灯喊半天才亮一下
lighting|0|万泉佳苑|-|-|-|万泉佳苑东门那几个路灯都不亮了
lighting|0|-|-|-|-|小区太黑了 路灯隔老远才一个
lighting|0|惠泽小区|23|2|-|惠泽23号楼2单元一楼的灯坏了 门口黑乎乎的
lighting|0|-|-|-|-|路灯杆被车撞弯了 灯也不亮了
road|0|-|-|-|-|小区进门的那段路全是大坑 电动车都骑不了
road|0|-|-|-|-|单元门口的地砖松了 一踩一冒水
road|0|东阳物流小区|-|-|-|物流小区大货车把路都压碎了 到处是坑
road|0|-|-|-|-|下雪以后没人扫 路上全是冰 老人摔了好几个
road|0|-|-|-|-|小区门口的井盖没盖严 翘起来一块
elevator|0|-|-|-|-|电梯门关上了又自己打开 来回好几次才走
elevator|0|瑞兴小区|6|-|-|瑞兴6号楼电梯坏了一个礼拜了 物业说等配件
elevator|1|-|-|-|-|电梯突然停了 门打不开 我被关在里面了 快来人
elevator|0|-|-|-|-|电梯一直报警 嘀嘀嘀的响
elevator|0|-|-|-|-|电梯维保公司来了一趟就走了 根本没修好
parking|0|-|-|-|-|楼下停了辆车 把单元门口的坡道挡住了 轮椅出不去
parking|0|民馨家园|-|-|-|民馨家园的车位都被外面的车占了
parking|0|-|-|-|-|地库里有辆车好几年没动了 轮胎都没气了
parking|0|-|-|-|-|有人用充电桩的车位停油车 一停一整天
parking|0|-|-|-|-|小区路两边都停满了车 救护车都进不来
property|0|-|-|-|-|物业费收的不少 楼道脏得没法看 保洁一礼拜来一次
property|0|万泉佳苑|-|-|-|万泉佳苑物业把维修基金花了也不公示
property|0|-|-|-|-|单元门的门禁卡刷了没反应 坏了好几天了
property|0|-|-|-|-|我们小区的物业简直就是摆设 有事找不到人
property|0|-|-|-|-|小区大门的道闸坏了 外卖快递随便进 物业也不管
dispute|0|-|-|-|-|楼上邻居家孩子往我家院子里扔东西 说了好几次家长还护着
dispute|0|-|-|-|-|对门把自家的鞋架摆到我家门口了 商量不通
dispute|0|瑞兴小区|3|-|-|瑞兴3号楼楼上漏水把我家墙泡了 他家说不是他的事 找物业也推
dispute|0|-|-|-|-|邻居在公共绿地上种菜 还说是他家的地 不让别人碰
dispute|1|-|-|-|-|隔壁两口子又打起来了 女的一直喊救命
help|0|-|-|-|-|我爸脑梗以后在家躺着 我白天上班 能不能有人中午去看一眼
help|0|惠泽小区|28|-|-|惠泽28号楼有个老人一个人住 听说病了 没人管
help|0|-|-|-|-|家里老人不会用智能手机 交电费买菜都费劲 有没有人能帮帮
help|1|-|-|-|-|对门老太太晕倒在家门口了 叫她也没反应
help|0|-|-|-|-|想给家里残疾的弟弟申请个上门服务
public_service|0|-|-|-|-|老年卡过期了 在哪续
public_service|0|-|-|-|-|生二胎有补贴吗 怎么领
public_service|0|-|-|-|-|外地户口能在这边办医保吗
public_service|0|滨河第一城|-|-|-|滨河第一城的孩子能上哪个初中 划片是怎么划的
public_service|0|-|-|-|-|社区能不能帮忙开个收入证明
public_facility|0|-|-|-|-|小区的篮球场地面起包了 打球容易崴脚
public_facility|0|-|-|-|-|社区的健身路径那个扭腰器转不动了
public_facility|0|万泉佳苑|-|-|-|万泉佳苑能不能在广场那多放几个垃圾桶和长凳
public_facility|0|-|-|-|-|儿童秋千的座椅裂了 孩子坐上去夹手
public_facility|0|-|-|-|-|小区入口的无障碍坡道被堆了东西
animals|0|-|-|-|-|小区里的流浪狗把垃圾袋都扒开了 扔得满地都是
animals|0|民馨家园|-|-|-|民馨家园有人在楼下拴了条大狗 晚上叫个不停
animals|0|-|-|-|-|邻居养的猫老在我家门口拉屎 说了也不管
animals|0|-|-|-|-|有人在楼顶养了好几十只鸽子 又吵又脏
animals|0|-|-|-|-|狗主人遛狗从来不牵绳 大狗往人身上扑
other|0|-|-|-|-|社区的网格员小王人真好 每次都帮我们解决问题
other|0|-|-|-|-|请问社区有没有老年合唱团 想参加
other|0|-|-|-|-|能不能在群里多发点防诈骗的宣传
other|0|-|-|-|-|我捡了一只小狗 谁家丢的
other|0|-|-|-|-|社区换届选举什么时候
property|0|-|-|-|-|物业把小区的健身器材拆了也不说为啥 问了没人回
property|0|惠泽小区|-|-|-|惠泽小区物业收了停车费 车被刮了不管
property|0|-|-|-|-|小区大门的电动门坏了 物业半个月没修 进出都得绕
property|0|-|-|-|-|楼道的窗户关不上 冬天冷风嗖嗖的 报了物业没人来
property|0|滨河第一城|8|-|-|滨河第一城8号楼单元门锁坏了 陌生人随便进
property|0|-|-|-|-|物业的保洁和保安都撤了 说业主欠费太多
property|0|-|-|-|-|物业乱收二次供水费 这个钱该不该交
dispute|0|-|-|-|-|楼下那家把楼道当他家储物间 东西堆得满满的 说了还骂街
dispute|0|万泉佳苑|18|-|-|万泉佳苑18号楼上下楼因为噪音的事天天吵 能不能来调解
dispute|0|-|-|-|-|我家车位被邻居的车占了 找他理论他还动手推我
dispute|0|-|-|-|-|楼上邻居在阳台上养了一堆鸽子 鸽子屎都掉我家阳台 说了他不管还骂人
dispute|0|-|-|-|-|隔壁在楼道里装了个摄像头对着我家门 我要求拆 他不拆
noise|0|-|-|-|-|楼上天天晚上蹦迪 音乐开得震天响
noise|0|瑞兴小区|-|-|-|瑞兴小区对面的汽修厂天天叮叮当当 还喷漆
noise|0|-|-|-|-|小区里的鸣笛声一天到晚的 能不能禁止鸣笛
noise|0|-|-|-|-|晚上有人在楼下打篮球 砰砰砰的到十一二点
noise|0|-|-|-|-|对面楼装修 早上七点不到就开始钻了
help|0|-|-|-|-|我家是低保户 老伴卧床 想问问有没有人能帮忙换个煤气罐
help|0|民馨家园|9|-|-|民馨9号楼有位老奶奶眼睛看不见 儿子在外地 能不能常去看看
help|0|-|-|-|-|家里老人得了阿尔茨海默 白天没人看着 能不能申请日间照料
help|0|-|-|-|-|我刚生完孩子 老公出差了 家里没人 想请社区帮忙买点东西
help|0|-|-|-|-|楼上的老爷子九十了 一个人住 最近不太认人了
public_service|0|-|-|-|-|孩子出国要开亲属关系证明 社区能开吗
public_service|0|-|-|-|-|新生儿医保怎么办理
public_service|0|-|-|-|-|退休了 档案要转到哪里
public_service|0|-|-|-|-|办居住证要租房合同吗
public_service|0|-|-|-|-|我想申请廉租房 需要去哪里排队
public_facility|0|-|-|-|-|小区的休闲椅都晒裂了 有木刺扎手
public_facility|0|瑞兴小区|-|-|-|瑞兴小区儿童游乐场的围栏倒了
public_facility|0|-|-|-|-|单元门口的无障碍扶手松了 老人扶着不敢用力
public_facility|0|-|-|-|-|小区的乒乓球台被人占着放东西
public_facility|0|-|-|-|-|小区的健身路径该换了 好几个都锈死了
sanitation|0|-|-|-|-|垃圾车每次收完垃圾 地上都洒一片 也不扫
sanitation|0|滨河第一城|-|-|-|滨河一城的绿化带被车压坏了 树也歪了
sanitation|0|-|-|-|-|楼道里有人养猫 猫砂乱倒 臭死了
sanitation|0|-|-|-|-|小区垃圾桶旁边堆了好几袋子装修废料
sanitation|0|-|-|-|-|夏天垃圾站蛆虫到处爬 太恶心了
animals|0|-|-|-|-|楼下那条狗老是冲着人狂叫 吓得孩子不敢下楼
animals|0|惠泽小区|-|-|-|惠泽小区有户人家在院子里养了好多鸭子
animals|0|-|-|-|-|流浪猫半夜打架 叫得瘆人
animals|0|-|-|-|-|有人在小区里遛狗 狗在草坪上拉屎 主人也不管
animals|0|-|-|-|-|邻居家养的狗没打疫苗 还老跑出来
water|0|-|-|-|-|家里厨房的水管子接口漏水了 找谁修
water|0|东阳物流小区|-|-|-|物流小区一到周末就停水 到底啥原因
water|0|-|-|-|-|楼上住户的下水管在我家天花板里面漏 一直滴答
water|0|-|-|-|-|小区的雨水管道堵了 一下雨单元门口就是一片湖
water|0|-|-|-|-|我家自来水有股怪味 烧开了也有
heating|0|-|-|-|-|暖气片不热 上次来人放了气 还是不热
heating|0|万泉佳苑|3|-|-|万泉3号楼的暖气烧得跟没烧一样
heating|0|-|-|-|-|这个月开始供暖了吗 我家暖气还是凉的
heating|0|-|-|-|-|暖气费能开发票吗 单位要报销
heating|0|-|-|-|-|我家暖气管子老是咣咣响 是不是有空气
power_gas|0|-|-|-|-|家里电灯一闪一闪的 电视也自己关机 是不是电压有问题
power_gas|0|-|-|-|-|燃气报警器响了一下又好了 要不要找人来看看
power_gas|0|瑞兴小区|-|-|-|瑞兴小区的电缆沟盖板丢了 电线露在外面
power_gas|0|-|-|-|-|买不了电了 电表显示故障
power_gas|0|-|-|-|-|小区什么时候通天然气 还在用罐装液化气
lighting|0|-|-|-|-|小区里的路灯半夜就灭了 下夜班的人回来看不见路
lighting|0|-|-|-|-|楼道的灯开关坏了 按了不亮
lighting|0|惠泽小区|-|-|-|惠泽小区篮球场的灯坏了 晚上没法打球
lighting|0|-|-|-|-|车库入口的灯一直闪 晃眼睛
lighting|0|-|-|-|-|单元门口的感应灯太暗了 基本看不见
road|0|-|-|-|-|小区的路上全是修管道挖的坑 回填的土一下雨就塌
road|0|-|-|-|-|马路牙子太高了 轮椅推不上去
road|0|万泉佳苑|-|-|-|万泉佳苑大门口的路面塌了一块 车过都得绕着走
road|0|-|-|-|-|小区的石板路松了 踩上去会溅一裤子泥水
road|0|-|-|-|-|楼门口的台阶结冰了 滑得不行 老人都不敢出门
elevator|0|-|-|-|-|电梯按了半天不来 一看又停在地下二层不动了
elevator|0|-|-|-|-|电梯里的通风扇坏了 闷死了
elevator|0|滨河第一城|-|-|-|滨河第一城的电梯年检标志都是过期的
elevator|0|-|-|-|-|电梯门老是夹住东西 关不上
elevator|0|-|-|-|-|电梯的楼层按钮掉了一个 按不了十二楼
parking|0|-|-|-|-|单元门口老停着几辆电动三轮 推婴儿车过不去
parking|0|-|-|-|-|小区门口的临时停车位被人长期占着
parking|0|-|-|-|-|地下车库的出口老被车堵着 出不去
parking|0|民馨家园|-|-|-|民馨家园里停车没规划 到处都是车
parking|0|-|-|-|-|小区来了好多外面的车停 收费也不收
fire_safety|0|-|-|-|-|楼道窗户上装了防盗网 着火了都跑不出去
fire_safety|0|-|-|-|-|电瓶车在地下室充电的人特别多 还有人往楼里推
fire_safety|0|-|-|-|-|消防通道的门上了锁 钥匙在物业手里
fire_safety|0|-|-|-|-|楼下有人用大锅烧柴火 烟熏火燎的 离楼太近了
fire_safety|0|万泉佳苑|14|-|-|万泉14号楼有人在楼道里放了好几桶汽油
other|0|-|-|-|-|社区书记你好 我想反映个情况 能不能留个电话
other|0|-|-|-|-|谢谢社区送的春联
other|0|-|-|-|-|我想当楼栋长 怎么报名
other|0|-|-|-|-|社区有没有免费理发的活动
other|0|-|-|-|-|咱们社区有图书馆吗
noise|0|-|-|-|-|Our upstairs neighbour moves furniture around at midnight every day, it's so loud
noise|0|-|-|-|-|樓下燒烤店每天晚上吵到兩三點
noise|0|万泉佳苑|-|-|-|万泉佳苑门口的商铺开业搞活动 喇叭喊了一整天了
noise|0|-|-|-|-|隔壁装修的电锯声太刺耳了 我家有病人需要休息
fire_safety|0|-|-|-|-|The fire exit on the ground floor is locked with a chain
fire_safety|0|-|-|-|-|楼道里有人放了个旧冰箱和两个床垫 堵了一半
fire_safety|0|滨河第一城|2|-|-|滨河第一城2号楼的消火栓箱门掉了 里面的水带也没了
fire_safety|0|-|-|-|-|有人在楼道里用电磁炉做饭 线扯得到处都是
sanitation|0|-|-|-|-|The lawn between buildings hasn't been mowed all summer
sanitation|0|-|-|-|-|垃圾分類以後垃圾桶少了 每次扔垃圾都要走老遠
sanitation|0|惠泽小区|17|-|-|惠泽17号楼下的下水箅子上全是烂菜叶子 没人清
sanitation|0|-|-|-|-|楼后有一片空地杂草丛生 还有人往那倒垃圾
water|0|-|6|-|-|No hot or cold water in building 6 since 8am
water|0|-|-|-|-|家裡水龍頭關不緊 一直滴水
water|0|民馨家园|4|-|-|民馨4号楼一楼的下水道堵了 污水从地漏往上冒
water|0|-|-|-|-|楼上卫生间的管子漏了 我家厕所顶上一直滴水 楼上说马上找人修
heating|0|-|-|-|-|The heating pipe in the stairwell is leaking hot water
heating|0|-|-|-|-|我们家暖气比邻居家的凉多了 是不是阀门没开全
heating|0|瑞兴小区|-|-|-|瑞兴小区今年的暖气到底几号开始供
heating|0|-|-|-|-|低保户取暖费有没有减免
power_gas|0|-|-|-|-|The breaker keeps tripping whenever I use the kettle
power_gas|0|-|-|-|-|我家燃氣表箱的門壞了
power_gas|0|万泉佳苑|10|-|-|万泉10号楼的电表箱冒火花 还噼啪响
power_gas|0|-|-|-|-|煤气管道要改到阳台外面 需要谁批准
lighting|0|-|-|-|-|The stairwell light on the 4th floor keeps flickering
lighting|0|-|-|-|-|小區路燈壞了好多 晚上黑黑的
lighting|0|东阳物流小区|-|-|-|物流小区后门那块一点亮都没有 女孩子晚上回来害怕
lighting|0|-|-|-|-|楼道里装的是老式的灯 要自己开关 能不能换成声控的
road|0|-|-|-|-|The road into the estate is full of holes after the winter
road|0|-|-|-|-|小区路面下雨后全是泥 车一过溅一身
road|0|滨河第一城|-|-|-|滨河一城南门口的马路牙子塌了 电动车上不去
road|0|-|-|-|-|单元门前的坡道结冰了 好几个人滑倒
elevator|0|-|-|-|-|The elevator door closes too fast and hit my mother
elevator|0|-|-|-|-|電梯按鈕不靈 按好幾次才亮
elevator|0|惠泽小区|33|-|-|惠泽33号楼的电梯一到下雨天就进水停运
elevator|0|-|-|-|-|电梯维修的钱让业主摊 这合理吗 一户要交好几百
parking|0|-|-|-|-|Someone parked in my reserved spot again and won't answer the phone number on the dashboard
parking|0|-|-|-|-|小區裡面亂停車 消防車都進不來
parking|0|瑞兴小区|-|-|-|瑞兴小区门口天天有人摆摊占道 车都开不进来
parking|0|-|-|-|-|电动车充电车棚里全是自行车 电动车没地方停
property|0|-|-|-|-|The security guards let anyone in without checking
property|0|-|-|-|-|物業說今年要漲物業費 業主都不同意
property|0|万泉佳苑|-|-|-|万泉佳苑的物业经理天天不在 办公室锁着门
property|0|-|-|-|-|小区的维修资金被挪用了 能查吗
dispute|0|-|-|-|-|My neighbour keeps blocking the shared hallway with his stuff and yells at me when I ask
dispute|0|-|-|-|-|鄰居說我家孩子把他家車劃了 非讓賠 我家孩子根本沒出門
dispute|0|-|-|-|-|楼上两口子天天吵架 吵完就往楼下扔东西
dispute|0|惠泽小区|21|-|-|惠泽21号楼的邻居把公共楼道的灯换成自己家的开关了 别人用不了 吵了一架
help|0|-|-|-|-|I'm disabled and need someone to help me carry water bottles upstairs
help|0|-|-|-|-|我媽七十多了 一個人在家 麻煩網格員幫忙看看
help|0|民馨家园|-|-|-|民馨家园有没有给老人送饭的服务 我爸做不了饭了
help|0|-|-|-|-|家里老人需要打胰岛素 我白天不在 有没有人能上门帮忙
public_service|0|-|-|-|-|How do I renew my social security card?
public_service|0|-|-|-|-|老人的高齡補貼怎麼申請
public_service|0|-|-|-|-|孩子打疫苗去哪个社区医院
public_service|0|-|-|-|-|想了解一下以旧换新的补贴政策
public_facility|0|-|-|-|-|The basketball hoop in the court is bent and the net is gone
public_facility|0|-|-|-|-|小區的健身器材缺零件 好幾個不能用了
public_facility|0|东阳物流小区|-|-|-|物流小区能不能建个小公园 孩子们没地方玩
public_facility|0|-|-|-|-|凉亭的柱子被车撞歪了 快倒了
animals|0|-|9|-|-|A big dog without a leash chased my kid near building 9
animals|0|-|-|-|-|鄰居家的狗每天晚上叫 吵得睡不著
animals|0|滨河第一城|-|-|-|滨河第一城有人在草坪上放羊
animals|0|-|-|-|-|楼道里有蝙蝠 晚上飞来飞去
other|0|-|-|-|-|Can I get the WeChat group for our building?
other|0|-|-|-|-|社區工作人員辛苦了 謝謝你們
other|0|-|-|-|-|有没有人知道小区附近哪里能修自行车
other|0|-|-|-|-|我想了解一下网格员的工作是干啥的
fire_safety|1|惠泽小区|11|-|-|惠泽11号楼有家厨房起火了 火从窗户往外窜
fire_safety|1|-|-|-|-|楼下垃圾桶着了 火挺大 旁边就是电动车
fire_safety|1|万泉佳苑|4|-|-|Fire in the basement of Wanquan building 4, lots of smoke!!
power_gas|1|瑞兴小区|8|2|-|瑞兴8号楼2单元楼道里一股臭鸡蛋味 应该是漏气了
power_gas|1|-|-|-|-|家里的燃气灶关了还是有气味 孩子有点头晕
fire_safety|1|-|-|-|-|楼下电箱着火了 冒着黑烟 噼里啪啦的
elevator|1|-|-|-|-|电梯卡在两层中间 我爸在里面 他有高血压
elevator|1|民馨家园|5|-|-|民馨家园5号楼电梯把人关里面了 快点来人
help|1|-|-|-|-|我奶奶在家摔倒了 头上有血 我在外地 能不能帮忙叫救护车
help|1|-|-|-|-|楼上的独居老人好几天没下楼了 敲门也没人应 屋里电视一直开着
help|1|万泉佳苑|2|-|-|万泉佳苑2号楼有个老人倒在单元门口 一动不动
dispute|1|-|-|-|-|楼下有人拿着刀砍门 嘴里喊着要杀人 快报警
dispute|1|-|-|-|-|两个邻居在楼道里打起来了 有一个头都破了
heating|1|-|-|-|-|楼上暖气漏水 水从我家天花板往下流 屋里都淹了
water|1|惠泽小区|7|-|-|惠泽7号楼地下室进水了 水已经到膝盖了 电箱也在下面
heating|1|-|-|-|-|家里暖气片突然爆了 热水喷了一地 孩子差点烫着
animals|1|-|-|-|-|一条大狗冲过来把老人咬了 腿上全是血
road|1|-|-|-|-|小孩在小区里掉进没盖的井里了 快来人
power_gas|1|-|-|-|-|楼道里有根电线断了 一个小孩碰了一下被电倒了
fire_safety|0|-|-|-|-|上个月楼里着过火 现在楼道还是黑的 能不能找人刷一下
power_gas|0|-|-|-|-|燃气公司说我家燃气管道有隐患 要整改 找谁
elevator|0|-|-|-|-|电梯总是卡一下才开门 怕哪天把人困住
help|0|-|-|-|-|老人前几天摔了一跤 现在在家养着 能不能帮忙买点菜
water|0|-|-|-|-|下雨天窗户往里渗水 窗台上湿了一片
dispute|0|-|-|-|-|楼上那家说要打我 我害怕 以后怎么办
noise|0|滨河第一城|11|-|-|滨河一城11号楼的住户天天半夜打麻将 稀里哗啦的
fire_safety|0|-|-|-|-|我们楼没有一个灭火器 万一着火了咋办
animals|0|-|-|-|-|楼下的狗见人就扑 差点把孩子咬了
road|0|-|-|-|-|井盖没盖好 差点把电动车别倒了
heating|0|-|-|-|-|暖气管道漏水了 不过不大 先拿毛巾堵着
help|0|瑞兴小区|-|-|-|瑞兴小区能不能给独居老人装个紧急呼叫器
public_service|0|-|-|-|-|怎么办理老年人意外伤害保险
fire_safety|0|-|-|-|-|楼道里的灭火器被小孩拿去玩了 喷了一地
elevator|0|-|-|-|-|电梯里有人吸烟 烟味散不出去
sanitation|0|-|-|-|-|垃圾站着过一次火 现在还是黑乎乎的一片 也没人清理
property|0|-|-|-|-|小区物业一年换了三家 现在这家连个办公室都没有
property|0|惠泽小区|-|-|-|惠泽小区的物业把楼道里的消防箱都当储物柜用了 这是啥物业
property|0|-|-|-|-|物业发通知说要收车辆管理费 没开过业主大会 合法吗
property|0|-|-|-|-|单元楼的门老是坏 修了坏坏了修 物业能不能换个好点的门
property|0|-|-|-|-|保洁员说物业三个月没发工资了 要罢工
property|0|滨河第一城|-|-|-|滨河第一城的物业电话根本打不通 有事找不到人
dispute|0|-|-|-|-|对门家老人天天在楼道里晒被子 把路都挡了 说了还不乐意
dispute|0|-|-|-|-|楼上住户装修把我家卫生间的管子弄坏了 不给修
dispute|0|万泉佳苑|7|-|-|万泉7号楼两户人家为了楼道灯的电费吵起来了
dispute|0|-|-|-|-|邻居在我家窗户底下烧烤 烟全进我家 一说他就急眼
dispute|0|-|-|-|-|我家楼下的租户天天往外倒脏水 泼到我家车上 说了也不听
help|0|-|-|-|-|我家老人住院了 我要去陪护 家里还有个小孩没人接 能不能帮帮忙
help|0|-|-|-|-|社区能不能组织人帮孤寡老人打扫一下卫生
help|0|瑞兴小区|-|-|-|瑞兴小区有个残疾人 一个人生活 冬天没钱买煤
help|0|-|-|-|-|我妈视力不好 一个人住 想请人每周去看一次
help|0|-|-|-|-|家里老人想去看病 没人陪 有没有志愿者
public_service|0|-|-|-|-|请问灵活就业人员的医保怎么交
public_service|0|-|-|-|-|我想问一下独居老人有没有补贴
public_service|0|-|-|-|-|办理残疾证需要去哪里鉴定
public_service|0|-|-|-|-|异地就医备案怎么弄
public_service|0|-|-|-|-|失业登记在社区能办吗
other|0|-|-|-|-|请问社区居委会在哪里 怎么走
other|0|-|-|-|-|我家孩子想来社区做志愿者 需要什么手续
other|0|万泉佳苑|-|-|-|感谢万泉佳苑的网格员 帮我找回了走丢的孩子
other|0|-|-|-|-|能不能在社区搞个便民服务点 修鞋配钥匙的
noise|0|-|-|-|-|楼上的小孩天天在家拍球 从早拍到晚
noise|0|东阳物流小区|-|-|-|物流小区里的货车倒车的提示音吵得人心烦
noise|0|-|-|-|-|隔壁家的洗衣机半夜还在甩 整面墙都在震
noise|0|-|-|-|-|楼下商铺装修 白天晚上都干 电锤声不断
noise|0|-|-|-|-|小区门口的大排档每天晚上吵吵闹闹的
sanitation|0|-|-|-|-|小区的垃圾桶都没盖子 苍蝇蚊子都来了
sanitation|0|-|-|-|-|楼下花坛里都是狗屎和垃圾 没人打扫
sanitation|0|万泉佳苑|-|-|-|万泉佳苑的楼道好几个月没人打扫了
sanitation|0|-|-|-|-|小区的树都长虫子了 叶子都被吃光了
sanitation|0|-|-|-|-|有人在小区里乱扔装修垃圾 堆在路边
animals|0|-|-|-|-|楼下的流浪狗生了一窝 冬天冻得直叫
animals|0|-|-|-|-|邻居家的狗天天跑到我家门口尿尿
animals|0|惠泽小区|-|-|-|惠泽小区有人遛狗不牵绳 狗还咬了别人家的狗
animals|0|-|-|-|-|小区里的野猫太多了 晚上叫得人睡不着
animals|0|-|-|-|-|楼上的鸽子一群一群的 到处拉屎
fire_safety|0|-|-|-|-|楼下的电动车停在楼梯口 挡着出口
fire_safety|0|-|-|-|-|小区的消防通道被商贩摆摊占了
fire_safety|0|-|-|-|-|楼道里的消防栓门被人拆了当柜子
fire_safety|0|-|-|-|-|有人往楼上拉电线给电动车充电 线就吊在窗户外面
water|0|-|-|-|-|小区今天停水 也不通知 家里啥都干不了
water|0|-|-|-|-|楼下的排水管破了 污水流得满地都是
water|0|惠泽小区|-|-|-|惠泽小区的自来水有一股消毒水味 能喝吗
water|0|-|-|-|-|家里马桶的水箱漏水 一直流
heating|0|-|-|-|-|暖气片放了气还是不热 找了好几次也没人来
heating|0|-|-|-|-|家里暖气太凉了 开着空调都冷
heating|0|-|-|-|-|我想申请暖气报停 要带什么
heating|0|瑞兴小区|-|-|-|瑞兴小区的换热站坏了 好几栋楼都不热
power_gas|0|-|-|-|-|家里突然没电了 邻居家有电 是不是我家电表的问题
power_gas|0|-|-|-|-|燃气费交了 燃气表还是显示欠费
power_gas|0|-|-|-|-|楼道的电线被人剪了 灯都不亮了
power_gas|0|-|-|-|-|天然气管道什么时候安检 我家燃气灶火苗发黄
lighting|0|-|-|-|-|楼道灯坏了好几个 晚上上楼摸着墙走
lighting|0|-|-|-|-|小区主路的路灯都是暗的 跟没开一样
lighting|0|-|-|-|-|地下车库的灯太少了 停车看不清
road|0|-|-|-|-|小区的路面裂了好多缝 还有个大坑
road|0|-|-|-|-|单元门口的台阶塌了 上下都得跳
road|0|-|-|-|-|下雨后小区路面积水很深 走不过去
elevator|0|-|-|-|-|电梯经常到一楼开不了门 得等半天
elevator|0|-|-|-|-|电梯里的按钮都不亮了 只能瞎按
elevator|0|-|-|-|-|电梯坏了一个月了 老人只能在家待着
parking|0|-|-|-|-|有人把车停在单元门口的人行道上
parking|0|-|-|-|-|小区里的车越来越多 晚上回来没有车位
parking|0|-|-|-|-|有辆面包车停在小区里一年多了 也没人管
public_facility|0|-|-|-|-|小区广场的健身器材少了几个 不知道被谁拆了
public_facility|0|-|-|-|-|小区能不能加装几个遮阳棚 夏天太晒了
public_facility|0|-|-|-|-|儿童乐园的滑梯开裂了 孩子的手被夹了
heating|0|民馨家园|2|-|-|民馨2号楼今年暖气又不热 去年就这样 修了也白修
water|0|-|-|-|-|厨房水池下面的管子往外渗水 地板都泡起来了
noise|0|-|-|-|-|对门天天早上五点起来剁排骨 咣咣的
parking|0|惠泽小区|-|-|-|惠泽小区南门口总有车堵着 出租车网约车都在那等客
sanitation|0|-|-|-|-|楼道里的垃圾谁家放的 好几天了也不拿下去
help|0|-|-|-|-|我家老人糖尿病 眼睛快看不见了 一个人在家 能不能经常去看看
elevator|0|万泉佳苑|1|-|-|万泉1号楼电梯门关不上 一直响警报
public_service|0|-|-|-|-|想给孩子办身份证 在社区能办吗
property|0|-|-|-|-|小区门卫二十四小时不在岗 外人随便进
dispute|0|-|-|-|-|对门把垃圾袋放在楼道里 臭了也不扔 说了还嫌我事多
animals|0|-|-|-|-|有人在小区里养蜜蜂 蜂子到处飞 孩子被蛰了好几次
lighting|0|东阳物流小区|5|-|-|物流小区5号楼楼道灯一直不亮 报修了也没人来
road|0|-|-|-|-|小区的路被大车压出了好几道沟 下雨全是水
fire_safety|0|-|-|-|-|楼道里有人堆了好多纸箱子和泡沫 一点就着
public_facility|0|-|-|-|-|健身器材那的地面都是碎石子 老人摔了好几次
power_gas|0|滨河第一城|-|-|-|滨河第一城的电费比别的小区贵 是不是收错了
other|0|-|-|-|-|社区春节有没有舞龙舞狮的表演
water|1|-|-|-|-|家里卫生间的水管突然爆了 关不上阀门 水到处流
noise|0|瑞兴小区|3|-|-|瑞兴3号楼一楼开了个麻将馆 天天吵到半夜
help|0|-|-|-|-|楼下的大爷腿脚不方便 家里的灯泡坏了换不了 谁能帮个忙
sanitation|0|-|-|-|-|小区的公共厕所太脏了 没人打扫
fire_safety|0|-|-|-|-|地下室住了好几户人家 私拉电线做饭
parking|0|-|-|-|-|电动车充电桩被人拿来停自行车了
property|0|万泉佳苑|-|-|-|万泉佳苑物业说维修要等业委会签字 可是业委会根本没人
animals|0|-|-|-|-|楼上在阳台养鸡 鸡屎掉我家窗台上 跟他说了好几次不管
heating|0|-|-|-|-|刚搬来 暖气费交给谁 多少钱一平
elevator|0|-|-|-|-|电梯安全检验合格证过期半年了
road|0|惠泽小区|-|-|-|惠泽小区北门那条路的砖全翘起来了
animals|0|-|-|-|-|有人在楼下喂流浪狗 狗越聚越多 晚上还咬架
public_service|0|-|-|-|-|我要给老人开个死亡证明 需要什么材料
help|1|-|-|-|-|对门的老爷子摔在卫生间了 门反锁着 喊他他说起不来
"""


def _rows() -> list[dict]:
    rows = []
    for line in EXAMPLES.strip().splitlines():
        cat, urgent, community, building, unit, room, text = line.split("|", 6)
        rows.append({"text": text, "category": cat, "urgent": urgent == "1",
                     "community": None if community == "-" else community,
                     "building": None if building == "-" else int(building),
                     "unit": None if unit == "-" else int(unit),
                     "room": None if room == "-" else room})
    return rows


@pytest.fixture(scope="module")
def parser() -> Parser:
    return build_parser()


def _figures(parser: Parser, rows: list[dict]) -> tuple[float, float, float, float, list]:
    category = place = caught = flagged = urgent = 0
    misses = []
    for row in rows:
        got = contract_json(parser.parse(row["text"]))
        category += got["category"] == row["category"]
        place += all(got[k] == row[k] for k in PLACE)
        urgent += row["urgent"]
        flagged += got["urgent"]
        caught += row["urgent"] and got["urgent"]
        if any(got[k] != row[k] for k in ("category", "urgent", *PLACE)):
            misses.append((row["text"], {k: got[k] for k in ("category", "urgent", *PLACE)}))
    n = len(rows)
    return (category / n, place / n, caught / max(urgent, 1), caught / max(flagged, 1), misses)


@pytest.mark.skipif(not DEV.exists(), reason="shared/eval/intake_dev.jsonl not present")
def test_the_dev_set_stays_above_the_floors(parser: Parser) -> None:
    _assert_floors(parser, DEV)


def _assert_floors(parser: Parser, path: Path) -> None:
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    category, place, recall, precision, misses = _figures(parser, rows)
    assert category >= CATEGORY_FLOOR, misses
    assert place >= PLACE_FLOOR, misses
    assert recall >= RECALL_FLOOR, misses
    assert precision >= PRECISION_FLOOR, misses


HELD_OUT = sorted((Path(__file__).resolve().parent / "data").glob("holdout_*.jsonl"))


@pytest.mark.parametrize("path", HELD_OUT, ids=[p.stem for p in HELD_OUT])
def test_our_held_out_sets_stay_above_the_floors(parser: Parser, path: Path) -> None:
    """Sets written in the dev set's style before tuning on them (their before/after figures
    are in bench/intake_eval.py --all); once used they guard against regressions.

    holdout_6..9 were written blind in one round, each measured before the fixes it led to
    (category, place, urgent recall, precision at first run):
    6 (355): 96.6%, 99.7%, 89.7%, 87.5% · 7 (170): 95.9%, 100%, 94.4%, 94.4% ·
    8 (170): 94.1%, 100%, 86.7%, 100% · 9 (170): 92.4%, 100%, 92.9%, 92.9% ·
    10 (170, closest to the dev set's style): 98.2%, 100%, 100%, 94.4% ·
    11 (85, written last, after every other fix): 96.5%, 100%, 85.7%, 66.7% ·
    12 (204, elderly residents, dialect): 92.2%, 98.0%, 84.0% (21/25), 100% ·
    13 (204, young residents, English, Traditional): 98.0%, 100%, 92.0% (23/25), 85.2%;
    after the fixes they led to (classes, not sentences: tests in test_urgency/place/category)
    both reach 100% on all four figures, so the shared floors leave them a margin of 3 points on
    category and place, none on recall ·
    14 (204, building leads relaying, shop owners, renters; written blind while 12 and 13 were
    being fixed, first run after those fixes): 95.6%, 99.5%, 100% (25/25), 92.6% (one label
    corrected before the run was counted: a message naming no estate had been given one);
    after the classes it showed were fixed (a hazard the message dismisses, a trap already over,
    gas relayed for a parent, zombie vehicles, staff conduct, English leaks/documents/hyphens,
    installing a facility, pets fouling, emergency-number questions, 惠泽4-3): 100% on all four,
    no other set lower.
    15 (204, blind, in the dev set's own style; first run before the learned alarm existed):
    97.5%, 99.5%, 75.0% (18/24), 81.8%; with the alarm 24/24 and 85.7% (24/28); after the
    classes it showed were fixed (a thing fished out of a well, an injury of "lately" behind a
    request for help, 一着火全完 as "whenever", a knife used on things, parking on the fire lane,
    "they want me to pay" after my leak, power tools, ground locks, a fallen block across the road,
    a room after 2门): 100% on all four, no other set lower.
    16 and 17 (204 each, blind, the dev set's style but heavy in calm look-alikes by request: ~55
    messages each using danger words for past events, hearsay, risks, false alarms, idioms; 17 by
    unusual writers: adult children, voice input, a retired teacher, typos): first run (alarm
    trained on 1..15) 16: 94.1%, 100%, 80.0% (20/25), 69.0% (20/29) · 17: 96.1%, 100%, 96.0%
    (24/25), 85.7% (24/28); after the classes they showed were fixed (a kitchen flue on fire, gas
    known by headache and nausea beside a stove, 臭鸡蛋似的味, chased and beaten, not seen all week,
    English falls and cries for help; hearsay, "it is a risk", "it was a false alarm", "I took it
    for gas", a spill that was only a little, a lift that traps people habitually, pets stuck,
    long-term bedridden care; water through a ceiling, burst heating valves, compensation demands,
    notice boards, livestock): 97.5%, 100%, 100%, 100% each, no other set lower.
    18 and 19 (204 each, blind, asked to match the dev set's mix: ~12% urgent, its share of places;
    19 by "a resident of thirty years": winter, rain, market days), first run after the 16/17 fixes:
    18: 95.1%, 100%, 95.8% (23/24), 85.2% (23/27) · 19: 93.6%, 100%, 96.0% (24/25), 92.3% (24/26);
    after the classes they showed were fixed (a live wire down, someone still inside; no smell at
    a gas stove, a burned quilt, "some day", bathing help; homeless people, no light at all, things
    parked across a door, dog licences, bird nets, door closers, fees the property adds, "are you a
    real person", long-term care insurance, tactile paving): 18: 97.5%, 100%, 100%, 92.3% ·
    19: 97.1%, 100%, 100%, 100%.
    20 and 21 (204 each, blind, the dev set's mix; a young mother, a retired building lead), first run
    with the category model learning from sets 1..19: 20: 98.5%, 100%, 95.8% (23/24), 88.5% (23/26) ·
    21: 98.5%, 100%, 95.8% (23/24), 88.5% (23/26); after the classes they showed were fixed
    (in-laws and 老X头 not answering, 砸着人咋整, a light that never goes off, hedges cut, a fall
    that is the reason for a repair, a condition since a stroke, a spill at a door): 98.5%, 100%,
    100%, 100% each.
    22 and 23 (204 each, blind, the dev set's mix; a taxi driver, a grid worker relaying residents),
    first run after the 20/21 fixes: 22: 98.0%, 100%, 87.5% (21/24), 95.5% (21/22) · 23: 98.0%,
    99.5%, 91.7% (22/24), 91.7% (22/24); after the classes they showed were fixed (water poured into
    a room, stuck down a hole, dementia and gone missing, silence after a knock, ankle-deep; a
    scratch, a vine to cut, geese chasing people, 物流园): 98.0%, 100%, 100%, 96.0% and 98.0%, 100%,
    100%, 100%.
    24 and 25 (204 each, blind, the dev set's mix; a night-shift nurse, a student typing for
    grandparents), first run with the alarm's overrule: 24: 96.1%, 100%, 95.8% (23/24), 85.2%
    (23/27) · 25: 96.1%, 100%, 100% (24/24), 92.3% (24/26); after their classes were fixed ("won't
    wake up", someone still in there; "if it burns again", "whenever it rains", "whoever walks
    there"; fire stations, breakers, AEDs, heating fees and meters, packs of dogs, lantern riddles):
    97.5%, 100%, 100%, 100% and 98.0%, 100%, 100%, 96.0%.
    26 and 27 (204 each, blind, the dev set's mix; a shopkeeper, a widow of 75 using voice input),
    first run: 26: 98.0%, 100%, 95.8% (23/24), 88.5% (23/26) · 27: 97.5%, 100%, 100% (25/25),
    92.6% (25/27); after their classes were fixed (rain poured into a home; "where would we run",
    a lost man brought back, a dog kept in a garage, a bedtime pill, breathless whenever a smell
    comes): 98.0%, 100%, 100%, 100% and 97.5%, 100%, 100%, 100%.
    28 and 29 (204 each, blind, the dev set's mix; a new resident with two dogs, a shift-working
    couple), first run with everything of stop 10: 28: 97.5%, 99.5%, 96.0% (24/25), 96.0% (24/25;
    the one place "miss" was a label naming an estate the English message does not: corrected) · 29: 98.0%,
    100%, 100% (24/24), 100% (24/24); after: water through the electrics (28).
    30, 31 and 32 (204 each, blind, the dev set's mix; a retired community doctor, a delivery rider,
    a Mongolian-Han family using local words), first run: 30: 97.5%, 100%, 100% (25/25), 89.3%
    (25/28) · 31: 98.0%, 100%, 95.8% (23/24), 88.5% (23/26) · 32: 98.5%, 100%, 100% (25/25), 96.2%
    (25/26); after their classes were fixed (an English passer-by finding someone on the ground;
    出血热, cold wind pouring in, 整天不出门, "人没事" after a scare, a lost man found, sewage at the
    entrance outside; box transformers, hide-and-seek, number plates, income tax, a piano):
    99.5%, 100%, 100%, 100% · 100% on all four · 99.5%, 100%, 100%, 100%.
    33, 34 and 35 (204 each, blind, the dev set's mix; an IT worker mixing English in, a grumpy
    retired steelworker, a schoolgirl typing for her grandparents), first run after the 30..32
    fixes: 33: 99.0%, 99.0%, 96.0% (24/25), 85.7% (24/28) · 34: 97.1%, 100%, 100% (24/24), 92.3%
    (24/26) · 35: 97.1%, 100%, 100% (24/24), 96.0% (24/25); after their classes were fixed (a door
    unopened and post piling up, in English; charred furniture left behind, a public toilet, let out
    only after an hour, an injured stray, a scorched quilt cover; a parking bay's code and "120 called"
    taken for rooms; kerbs, "parks", parking on the square, a lift "on strike").
    36, 37 and 38 (204 each, blind, the dev set's mix; a laundry owner relaying customers, a retired
    teacher writing formally, a night-shift guard), first run after the 33..35 fixes: 36: 99.0%,
    100%, 95.8% (23/24), 95.8% (23/24) · 37: 96.6%, 100%, 95.8% (23/24), 76.7% (23/30) · 38: 95.1%,
    100%, 100% (25/25), 92.6% (25/27); after their classes were fixed (water into her home and over
    the slippers, a fall in a kitchen in English; a van that never moves, an anti-wandering bracelet,
    a drum kit, a drill found out later, someone reached after all, "before a child gets hurt", a hurt
    stray, "preventing falls", an alarm with no smell, a claim for damages; a shock is power_gas's,
    a polite English "thank you" no longer outweighs the request).
    39 (136, blind, all English, by foreign tenants and locals writing English; 48 urgent, 88 calm of
    which ~33 look-alikes, a stress set for the weakest part: three of the four urgent messages missed at
    first sight in 30..38 were English), first run: 87.5%, 93.4%, 58.3% (28/48), 84.8% (28/33); after
    its classes were fixed (English danger in everyday words for every hazard; windows scaled for English
    words, a past time reaching its whole sentence; place forms "Huize 21 unit 3", "4 building", "No.10",
    "Dong Yang"): 100% on all four, no other set lower.
    40 and 41 (204 each, blind, the dev set's mix; a building lead forwarding residents' messages, a
    young couple with a baby and grandparents), first run after the 39 fixes: 40: 98.0%, 100%, 100%
    (25/25), 100% (25/25) · 41: 98.5%, 99.5%, 100% (25/25), 92.6% (25/27): both at target on all four.
    After: sparks carried (带着火星), ash dumped by a road, a unit in Chinese numerals (三号楼二门).
    42, 43 and 44 (204 each, blind, the dev set's mix; a bus driver caring for a mother with dementia,
    a property-company clerk relaying calls, residents of the poorer old estates), first run after the
    39..41 fixes: 42: 96.1%, 100%, 100% (25/25), 96.2% (25/26) · 43: 99.0%, 100%, 100% (25/25), 96.2%
    (25/26) · 44: 98.0%, 100%, 92.0% (23/25), 88.5% (23/26); after their classes were fixed (a quilt set
    alight by a stove, a fall on the stairs in English; a room full of a smell, "whenever it rains",
    ruts deep enough to cover a foot, bathing help for someone paralysed for years).
    45, 46 and 47 (204 each, blind, the dev set's mix; deep winter, midsummer, and "the dev set's own
    style, as a second team collecting in the same month"), first run after the 42..44 fixes: 45:
    99.5%, 100%, 100% (25/25), 89.3% (25/28) · 46: 98.5%, 99.5%, 92.0% (23/25), 95.8% (23/24) · 47:
    99.5%, 100%, 95.8% (23/24), 92.0% (23/25); after their classes were fixed (electrics sparking in
    flood water, a door smashed in and "not answered since Monday" in English; "a few days ago" is past,
    someone lying on the ground only in a message about a person, frozen spills, snow melt in a lift,
    a smell already checked, a child at home by day; a room right after its floor).
    48 (136, blind, all English again, 48 urgent), first run after the 39..47 fixes: 96.3%, 89.0%,
    64.6% (31/48), 93.9% (31/33): English danger still comes in more wordings than cues name. 49 and 50
    (204 each, blind, the dev set's mix; angry writers in bursts, voice input with its homophones):
    49: 99.0%, 100%, 100% (24/24), 80.0% (24/30) · 50: 97.5%, 100%, 95.8% (23/24), 95.8% (23/24).
    After their classes were fixed (more everyday English for every hazard; English place forms in the
    Chinese order, "Wanquan 17 …", Binhe No1 City; a fire put out, "is it a leak?", 他们 is no one in
    danger, wind pouring in, "not urgent", trees cut, 然气): 48: 98.5%, 100%, 100%, 100%.
    51 and 52 (204 each, blind, the dev set's mix; relatives far away writing for parents, "the dev
    set's own style, a third team"), first run with the English alarm: 51: 97.5%, 100%, 100% (24/24),
    96.0% (24/25) · 52: 99.0%, 100%, 100% (24/24), 88.9% (24/27); after (a receipt that cannot be found,
    "I thought someone was shut inside"; a heating leak in a shared basement, called calm by its writer,
    left urgent: basement water that rises is urgent in tests/unit/test_urgency.py).
    53 (136, blind, a third all-English set, 48 urgent, writers from many countries) and 54 (204,
    blind, the dev set's own style, a fourth team), first run after the 51/52 fixes: 53: 91.9%,
    91.9%, 87.5% (42/48), 93.3% (42/45) (English recall at first sight had been 58.3% and 64.6% in 39
    and 48) · 54: 99.0%, 99.5%, 100% (24/24), 100% (24/24). After: a door not opened for days, sewage
    spreading, water still rising, banging from inside a lift, a hammer waved; an English past time
    after the cue, "had a stroke", a fire engine, "half an hour ago" is recent; house and tower for a
    building, a unit-room pair later in an English message, 慧泽东门, 停了三回电.
    55 and 56 (204 each, blind, the dev set's own style in the Spring Festival fortnight and in early
    spring), first run after the 53/54 fixes: 55: 99.0%, 100%, 91.7% (22/24), 95.7% (22/23) · 56:
    98.5%, 100%, 100% (24/24), 100% (24/24). After: fireworks set a heap alight (火苗一窜一窜), a shovel
    carried to smash windows; a drain grate that fell in.
    The same shared floors apply to every set."""
    _assert_floors(parser, path)


def test_our_own_labelled_examples_stay_above_the_floors(parser: Parser) -> None:
    category, place, recall, precision, misses = _figures(parser, _rows())
    assert category >= CATEGORY_FLOOR, misses
    assert place >= PLACE_FLOOR, misses
    assert recall >= RECALL_FLOOR, misses
    assert precision >= PRECISION_FLOOR, misses


def test_the_contract_line_has_the_spec_fields_and_extras(parser: Parser) -> None:
    line = contract_json(parser.parse("家里一股煤汽味 很冲 惠泽小区12号楼3单元501"))
    assert line == {"category": "power_gas", "urgent": True, "community": "惠泽小区",
                    "building": 12, "unit": 3, "room": "501", "hazard": "gas",
                    "confidence": line["confidence"], "top": line["top"]}
    assert 0 <= line["confidence"] <= 1
    assert line["top"][0] == "power_gas"


def test_a_message_without_danger_has_no_hazard(parser: Parser) -> None:
    parsed = parser.parse("燃气费怎么交")
    assert (parsed.urgent, parsed.hazard) == (False, None)


def test_traditional_chinese_reads_like_simplified(parser: Parser) -> None:
    trad = parser.parse("瑞興小區10號樓電梯異響 嘎吱嘎吱的 坐著心慌")
    simp = parser.parse("瑞兴小区10号楼电梯异响 嘎吱嘎吱的 坐着心慌")
    assert trad == simp
    assert (trad.category, trad.place) == ("elevator", Place("瑞兴小区", 10))


def test_full_width_digits_and_letters_are_read(parser: Parser) -> None:
    assert parser.parse("万泉１４号楼２单元门口汽车乱停").place == Place("万泉佳苑", 14, 2)
    assert parser.parse("ＨＵＩＺＥ building 3 暖气不热").place == Place("惠泽小区", 3)


@pytest.mark.parametrize(("text", "category", "hazard"), [
    ("Strong gas smell in the stairwell of Huize building 22 unit 2!", "power_gas", "gas"),
    ("Stray dogs keep tearing open the garbage bags near building 1", "animals", None),
    ("The streetlights on the east path have been off for a week", "lighting", None),
    ("How do I apply for the pension for my mother?", "public_service", None),
    ("Water is leaking from the ceiling of the stairwell", "water", None),
    ("My elderly neighbour lives alone and needs groceries", "help", None),
])
def test_english_messages_have_their_own_vocabulary(
        parser: Parser, text: str, category: str, hazard: str | None) -> None:
    parsed = parser.parse(text)
    assert (parsed.category, parsed.hazard) == (category, hazard)


def test_odd_input_never_raises(parser: Parser) -> None:
    rng = random.Random(7)
    alphabet = "惠泽小区12号楼-#单元室楼层栋幢万一着火没有 \t\r\u3000１２ａｂｃ()[]{}*+?.\\"
    alphabet += "".join(chr(c) for c in range(0x20, 0x7F))
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        assert isinstance(parser.parse(text), Parsed)
        assert isinstance(parser.parse_place(text), Place)
    for text in ("", " ", "\x00", "\ud800", "😀" * 500, "1" * 10000, "楼" * 3000):
        assert isinstance(parser.parse(text), Parsed)


def test_cli_writes_one_json_line_per_input_line_in_order() -> None:
    stdin = io.StringIO("惠泽12号楼暖气不热\n\n\ud800 bad\nMy mom is trapped in the lift\n")
    stdout = io.StringIO()
    assert main(stdin, stdout) == 0
    lines = stdout.getvalue().splitlines()
    assert len(lines) == 4
    first, empty, _, last = (json.loads(line) for line in lines)
    assert (first["category"], first["community"], first["building"]) == ("heating", "惠泽小区", 12)
    assert empty["category"] == "other" and empty["community"] is None
    assert last["urgent"] is True
    assert "惠泽小区" in lines[0]  # UTF-8, not \\u escapes


def test_cli_output_written_in_chunks_stays_complete_and_in_order() -> None:
    texts = [f"惠泽{n % 37 + 1}号楼暖气不热" for n in range(CHUNK * 2 + 7)]
    stdout = io.StringIO()
    assert main(io.StringIO("\n".join(texts) + "\n"), stdout) == 0
    lines = stdout.getvalue().splitlines()
    assert [json.loads(line)["building"] for line in lines] == [n % 37 + 1 for n in range(len(texts))]


def test_cli_workers_answer_exactly_what_one_process_does_in_the_same_order() -> None:
    """A long input goes to forked workers (app/parse_cli.py); the output must not change at all."""
    texts = [json.loads(line)["text"].replace("\n", " ") for path in HELD_OUT[:5]
             for line in path.read_text(encoding="utf-8").splitlines()] + ["", "\ud800", "楼" * 3000]
    assert len(texts) > CHUNK * 2
    outputs = []
    for processes in (1, 2):
        stdout = io.StringIO()
        assert main(io.StringIO("\n".join(texts) + "\n"), stdout, processes=processes) == 0
        outputs.append(stdout.getvalue())
    assert outputs[0] == outputs[1]
    assert len(outputs[1].splitlines()) == len(texts)


def test_cli_at_a_terminal_answers_each_line_at_once() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    class Recorder(io.StringIO):
        def __init__(self) -> None:
            super().__init__()
            self.writes: list[str] = []

        def write(self, s: str) -> int:
            self.writes.append(s)
            return super().write(s)

    stdout = Recorder()
    assert main(Terminal("惠泽12号楼暖气不热\n电梯坏了\n"), stdout) == 0
    assert [json.loads(w)["category"] for w in stdout.writes] == ["heating", "elevator"]


def test_the_lexicon_has_no_cue_twice_in_one_mapping() -> None:
    class Strict(yaml.SafeLoader):
        """Fails on a duplicate key, which YAML would otherwise silently overwrite."""

    def mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
        keys = [loader.construct_object(k) for k, _ in node.value]
        assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
        return yaml.SafeLoader.construct_mapping(loader, node)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    path = Path(__file__).resolve().parents[2] / "seeds" / "lexicon.yaml"
    yaml.load(path.read_text(encoding="utf-8"), Loader=Strict)


def test_the_lexicon_reads_the_same_with_either_yaml_loader() -> None:
    path = Path(__file__).resolve().parents[2] / "seeds" / "lexicon.yaml"
    text = path.read_text(encoding="utf-8")
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert yaml.safe_load(text) == yaml.load(text, Loader=fast)


@pytest.mark.parametrize(("text", "category", "urgent", "hazard"), [
    # the hazard decides the category when only one category deals with it, whoever relays it
    ("我妈八十多了一个人在家 说屋里有股天然气味 我在单位走不开 能不能派人去看看", "power_gas", True, "gas"),
    ("楼栋长替302的老两口反映 他家门口一股煤气味 老人耳朵背 敲门听不见", "power_gas", True, "gas"),
    # the message dismisses the hazard it names: the drain is what is left
    ("卫生间地漏一股臭鸡蛋味 燃气公司来看了不是燃气 是下水道反味", "water", False, None),
    # a trap already over is a complaint about the lift, not an emergency
    ("前两天3号楼电梯困了个孩子 后来物业给放出来了 到现在也没人来检修", "elevator", False, None),
])
def test_holdout_14_classes_end_to_end(parser: Parser, text: str, category: str, urgent: bool,
                                       hazard: str | None) -> None:
    parsed = parser.parse(text)
    assert (parsed.category, parsed.urgent, parsed.hazard) == (category, urgent, hazard)
    assert parsed.top[0] == category


@pytest.mark.parametrize(("text", "category", "urgent"), [
    # holdout_15 classes (written for this test): look-alikes stay calm end to end, the danger next
    # to them stays urgent, and the category is the one the complaint is about
    ("特别感谢保安大哥 帮我把掉进污水井的手机捞上来了", "other", False),
    ("有个孩子掉进没盖的污水井里了 快来人 瑞兴小区3号楼", "road", True),
    ("我最近脚骨折了 想找个志愿者帮忙每天送孩子去幼儿园 惠泽小区", "help", False),
    ("我妈刚在卫生间摔倒了 腿好像骨折了 起不来 惠泽小区", "help", True),
    ("地下室住了十几个人 插线板一个接一个 一着火全跑不了", "fire_safety", False),
    ("单元门口的快递柜屏幕被人拿刀划了 看不清字", "public_facility", False),
    ("楼下有个人拿着刀在追人 快报警", "dispute", True),
    ("消防通道上被物业划了停车位 天天停满车", "fire_safety", False),
    ("小区西门的水泥墩子倒了 横在路上 差点把电动车绊倒", "road", False),
])
def test_holdout_15_classes_end_to_end(parser: Parser, text: str, category: str, urgent: bool) -> None:
    parsed = parser.parse(text)
    assert (parsed.category, parsed.urgent) == (category, urgent)


def test_a_zombie_vehicle_in_traditional_chinese_is_parking_with_its_place(parser: Parser) -> None:
    parsed = parser.parse("樓下停著一輛破三輪 鏽得不行 放了好幾年了 不知道是誰的 惠澤7-2")
    assert parsed.category == "parking"
    assert parsed.place == Place("惠泽小区", 7, 2, None)


# --- the learned alarm (seeds/urgency_examples.txt) -------------------------------------------------

# Danger in words no cue of lexicon.yaml names (written for this test, not taken from any set).
ALARM_ONLY = ["我妈在卫生间滑了一跤 头磕在浴缸上 叫她也不怎么应 门还反锁着"]


def test_the_learned_alarm_catches_danger_no_cue_names(parser: Parser) -> None:
    for text in ALARM_ONLY:
        got = parser.parse(text)
        assert got.urgent and got.hazard is None, text  # no hazard known: the resident gets every number


def test_the_learned_alarm_stays_quiet_on_everyday_complaints(parser: Parser) -> None:
    for text in ["卫生间的水管有点渗水 麻烦物业哪天来看看", "楼下那家装修 电钻从早响到晚",
                 "燃气费怎么交 网上能交吗", "电梯按钮有几个不亮了"]:
        assert not parser.parse(text).urgent, text


def test_the_alarm_overrules_rules_that_set_a_cue_aside_only_when_it_is_surer_still() -> None:
    """A rule that sets a cue aside (here: a made-up one dismissing any fire in a message that says 楼下)
    is overruled when the alarm scores the message above `overrule_log_odds`, never below it."""
    from app import seeds
    from app.lexicon import lexicon

    lex = lexicon()
    urgency = {**lex["urgency"], "dismissed": {**lex["urgency"]["dismissed"], "fire": ["楼下"]}}
    text = "楼下着火了 火苗子往上窜 满楼道都是烟 快来人啊 救命"
    wary = Parser(seeds.district(), {**lex, "urgency": urgency})
    assert wary.urgency.hazard(text.translate(wary.table)) is None  # the made-up rule sets the fire aside
    assert wary.alarm.log_odds(pairs_of(text.translate(wary.table))) >= wary.overrule_at
    assert wary.parse(text).urgent
    never = {**urgency, "learned": {**urgency["learned"], "overrule_log_odds": float("inf")}}
    assert not Parser(seeds.district(), {**lex, "urgency": never}).parse(text).urgent
    calm = "上个月楼下着过一回火 现在楼道里的灭火器还是空的 能不能给换"
    assert not wary.parse(calm).urgent  # set aside, and the alarm is not that sure


def test_without_examples_the_alarm_never_sounds() -> None:
    from app import seeds
    from app.lexicon import lexicon

    quiet = Parser(seeds.district(), {**lexicon(), "urgency_examples": []})
    assert not quiet.alarm.trained
    assert not any(quiet.parse(text).urgent for text in ALARM_ONLY)  # the cues alone miss them


# English danger in words no cue names (written for this test, not taken from any set).
ENGLISH_ALARM_ONLY = ["please hurry, my dad is shaking and sweating and does not recognise me, please send someone now",
                      "my mother is on the kitchen floor and she is making strange sounds, please come now"]


def test_english_danger_no_cue_names_is_caught_by_the_english_alarm() -> None:
    from app import seeds
    from app.lexicon import lexicon

    lex = lexicon()
    parser = Parser(seeds.district(), lex)
    for text in ENGLISH_ALARM_ONLY:
        got = parser.parse(text)
        assert got.urgent and got.hazard is None, text
    for text in ["the lift at building 5 makes a strange noise every morning, please check it",
                 "the heating is not warm enough please send someone to check", "my kitchen sink is clogged"]:
        assert not parser.parse(text).urgent, text
    off = {**lex["urgency"], "learned": {**lex["urgency"]["learned"], "english_log_odds": float("inf")}}
    assert not any(Parser(seeds.district(), {**lex, "urgency": off}).parse(t).urgent for t in ENGLISH_ALARM_ONLY)


def test_the_built_parser_is_cached_between_start_ups_and_rebuilt_when_unreadable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """app/parse_cli.cached_parser: built and stored once, then loaded (no build); a torn file is
    replaced by a fresh build, never an error."""
    from app import parse_cli

    monkeypatch.setenv("GRIDBOT_CACHE_DIR", str(tmp_path))
    first = parse_cli.cached_parser()
    (stored,) = tmp_path.glob("parser-*.pickle")
    monkeypatch.setattr(parse_cli, "build_parser", lambda: pytest.fail("built although cached"))
    again = parse_cli.cached_parser()
    for text in ("惠泽小区12号楼暖气不热", "楼道里一股煤气味", "慧泽3号楼电梯坏了"):
        assert again.parse(text) == first.parse(text)
    monkeypatch.undo()
    monkeypatch.setenv("GRIDBOT_CACHE_DIR", str(tmp_path))
    stored.write_bytes(b"torn")
    assert parse_cli.cached_parser().parse("楼道里一股煤气味").urgent
    assert stored.read_bytes() != b"torn"


def test_the_cache_key_changes_with_the_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import parse_cli, seeds

    before = parse_cli.parser_key()
    copy = tmp_path / "seeds"
    copy.mkdir()
    for path in seeds.SEEDS_DIR.iterdir():
        if path.is_file():
            (copy / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(seeds, "SEEDS_DIR", copy)
    assert parse_cli.parser_key() == before  # the same seeds elsewhere: the same parser
    (copy / "lexicon.yaml").write_text((copy / "lexicon.yaml").read_text(encoding="utf-8") + "\n# x\n",
                                       encoding="utf-8")
    assert parse_cli.parser_key() != before
