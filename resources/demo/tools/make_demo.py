#!/usr/bin/env python3
"""Generate the InterestLens demo dataset (items.csv and reviews.csv).

All names, descriptions and review sentences below were written by the
InterestLens team for this demo; nothing is copied from an existing dataset
or website.  The script is deterministic (fixed seed, stdlib only):

    python3 resources/demo/tools/make_demo.py

It writes resources/demo/items.csv and resources/demo/reviews.csv and prints
summary counts (copy them into resources/demo/README.md when they change).
"""

import csv
import datetime as dt
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

SEED = 20240607
OUT_DIR = Path(__file__).resolve().parent.parent
DATE_MIN = dt.date(2023, 1, 1)
DATE_MAX = dt.date(2024, 12, 31)


# ---------------------------------------------------------------------------
# Small helpers for writing the phrase banks compactly
# ---------------------------------------------------------------------------

def I(name, tags, price, feats=(), noun=None, plural=None, zh=None, m=None,
      uses=None, aud=None):
    """One catalogue item inside a product type (keyword args override the type)."""
    return dict(name=name, tags=tags, price=price, feats=list(feats),
                noun=noun, plural=plural, zh=zh, m=m, uses=uses, aud=aud)


def T(noun, zh, items, features=(), uses=(), good=(), bad=(), plural=False,
      materials=(), m="款", adjs=None, aud=None):
    """A product type: shared wording for every item of that type.

    adjs overrides the category's adjective list when the category-wide
    adjectives would not fit (e.g. "sturdy" coffee beans)."""
    return dict(noun=noun, zh=zh, items=items, features=list(features),
                uses=list(uses), good=list(good), bad=list(bad),
                plural=plural, materials=list(materials), m=m, adjs=adjs, aud=aud)


# ---------------------------------------------------------------------------
# Category 1: Hiking & Camping
# ---------------------------------------------------------------------------

HIKING = dict(
    key="hik", name="Hiking & Camping", kind="goods",
    brands=["Ridgeline", "Cairnworks", "Northfold", "Switchback", "Kestrel Trail",
            "Granite Fox", "Larchwood", "Timberline"],
    adjs=["rugged", "packable", "weather-ready", "trail-tested", "lightweight",
          "no-fuss", "compact", "hard-wearing"],
    audience=["first-time backpackers", "weekend campers", "scout troops and outdoor clubs",
              "hikers who head out in any weather"],
    virtue=["durability", "comfort", "packability"],
    extras=["Comes with a stuff sack and a small repair kit.",
            "Backed by a two-year warranty.",
            "Every unit is inspected by hand before it ships.",
            "Spare parts are available for years after purchase."],
    types=[
        T("tent", "帐篷", [
            I("Two-Person Backpacking Tent", "tent|backpacking|2-person|lightweight", 229.00,
              ["two side doors with roomy vestibules"]),
            I("Ultralight Solo Tent", "tent|ultralight|solo", 189.00,
              ["a single trekking-pole pitch"]),
            I("Four-Season Dome Tent", "tent|winter|four-season|mountaineering", 399.00,
              ["snow flaps around the base"],
              uses=["camps above the tree line", "winter mountaineering", "exposed, windy pitches"],
              aud=["winter mountaineers", "hikers who head out in any weather"]),
            I("Family Cabin Tent", "tent|car-camping|family", 279.00,
              ["near-vertical walls you can stand up between"],
              uses=["family weekends at the campground", "car camping with kids", "festival camping"],
              aud=["car-camping families", "scout troops and outdoor clubs"]),
          ],
          features=["a bathtub-style floor", "color-coded poles", "a full-coverage rainfly",
                    "mesh pockets along the ceiling", "reflective guy lines"],
          uses=["backpacking trips", "wild camping", "long-distance trails"],
          aud=["first-time backpackers", "gram-counting thru-hikers", "weekend campers"],
          good=["It pitched in about five minutes on the first try.",
                "We had a night of steady rain and stayed completely dry.",
                "There's enough headroom to sit up and change clothes."],
          bad=["Condensation built up on the inner wall every single night.",
               "One of the pole sections cracked on the second trip."],
          materials=["ripstop nylon with a silicone coating"]),
        T("sleeping bag", "睡袋", [
            I("Down Mummy Sleeping Bag", "sleeping-bag|down|backpacking", 249.00,
              ["responsibly sourced 800-fill down"]),
            I("Synthetic Three-Season Sleeping Bag", "sleeping-bag|synthetic|three-season", 119.00,
              ["synthetic fill that stays warm when damp"]),
            I("Rectangular Camp Sleeping Bag", "sleeping-bag|car-camping|roomy", 69.00,
              ["a zip that opens it into a flat quilt"],
              uses=["sleepovers at the campground", "car camping", "guests staying over"],
              aud=["car-camping families", "weekend campers"]),
          ],
          features=["a draft collar around the shoulders", "an anti-snag zipper",
                    "a contoured hood", "a compression sack",
                    "a zippered stash pocket for a phone"],
          uses=["cold nights in the mountains", "spring and autumn backpacking",
                "multi-day treks"],
          good=["I slept warm on a frosty night close to freezing.",
                "It compresses small enough to leave room in my pack for food.",
                "The zipper never snagged once, even fumbling around in the dark."],
          bad=["It's rated warmer than it really is; I was cold at 5°C.",
               "The footbox is cramped if you sleep on your side."],
          materials=["a recycled polyester shell"]),
        T("sleeping pad", "睡垫", [
            I("Insulated Inflatable Sleeping Pad", "sleeping-pad|inflatable|insulated", 139.00,
              ["a pump sack that doubles as a dry bag"]),
            I("Self-Inflating Camp Mat", "sleeping-pad|self-inflating|car-camping", 79.00,
              ["open-cell foam that inflates itself"],
              uses=["car camping", "nights on rocky tent platforms"],
              aud=["car-camping families", "weekend campers"]),
          ],
          features=["a one-way inflation valve", "baffled chambers that keep you centered",
                    "a reflective insulating layer"],
          uses=["sleeping on frozen ground", "lightweight overnights",
                "nights on rocky tent platforms"],
          good=["Inflates quickly and packs away without a fight.",
                "Finally a pad that keeps my hips off the ground when I sleep on my side."],
          bad=["It crinkles loudly every time I roll over.",
               "It slowly lost air overnight and I woke up on the ground."]),
        T("backpack", "背包", [
            I("45L Trekking Backpack", "backpack|trekking|45l", 169.00),
            I("65L Expedition Pack", "backpack|expedition|65l", 239.00,
              ["a removable lid that converts into a summit bag"]),
            I("22L Daypack", "backpack|daypack|hiking", 79.00),
          ],
          features=["an adjustable torso length", "a ventilated mesh back panel",
                    "hip-belt pockets big enough for a phone", "a hydration sleeve",
                    "a stretchy front pocket for wet layers"],
          uses=["multi-day treks", "long day hikes", "hut-to-hut trips"],
          good=["The hip belt carries the weight, so my shoulders don't ache at the end of the day.",
                "Everything has its place and I can reach snacks without taking it off.",
                "The back panel keeps my shirt from getting soaked on hot climbs."],
          bad=["The shoulder straps started fraying after a few months.",
               "The side pockets are too shallow and my bottle fell out twice."],
          materials=["abrasion-resistant recycled nylon"]),
        T("stove", "炉子", [
            I("Canister Backpacking Stove", "stove|backpacking|cooking", 59.00),
            I("Two-Burner Camp Stove", "stove|car-camping|cooking", 129.00,
              ["two independent burners"],
              uses=["cooking breakfast at the campsite", "family camping trips"],
              aud=["car-camping families", "weekend campers"]),
          ],
          features=["a push-button igniter", "fold-out pot supports",
                    "a wide simmer range", "a built-in windscreen"],
          uses=["boiling water for dehydrated meals", "coffee on cold mornings",
                "quick trail lunches"],
          good=["It boils half a liter of water in about three minutes.",
                "It simmers low enough to cook real food, not just boil water."],
          bad=["The igniter stopped working after a few trips, so I carry a lighter anyway.",
               "Even a light breeze made the flame struggle."]),
        T("headlamp", "头灯", [
            I("Rechargeable Headlamp", "headlamp|rechargeable|lighting", 45.00),
            I("400-Lumen Trail Headlamp", "headlamp|night-hiking|lighting", 59.00,
              ["a 400-lumen boost mode"]),
          ],
          features=["a red night-vision mode", "a USB-C charging port",
                    "a lockout mode so it never switches on in your pack",
                    "a tilting lamp head"],
          uses=["pre-dawn starts", "reading in the tent", "night hikes"],
          good=["The beam is bright enough to pick out trail markers well ahead.",
                "The battery easily lasts a whole weekend on the medium setting."],
          bad=["The strap slides down my forehead when I walk.",
               "Cycling through every mode just to turn it off gets old fast."]),
        T("trekking poles", "登山杖", [
            I("Carbon Trekking Poles", "trekking-poles|carbon|ultralight", 119.00),
            I("Aluminum Folding Trekking Poles", "trekking-poles|aluminum|folding", 69.00),
          ],
          features=["cork grips", "quick-flip locks",
                    "interchangeable rubber and carbide tips", "padded wrist straps"],
          uses=["steep descents", "long days with a heavy pack", "river crossings"],
          good=["My knees are noticeably happier on steep descents.",
                "The locks hold firmly and have never slipped on me."],
          bad=["One of the locks loosened and a pole collapsed mid-step.",
               "They rattle annoyingly when strapped to the pack."],
          plural=True, m="副"),
        T("water filter", "净水器", [
            I("Squeeze Water Filter", "water-filter|backpacking|hydration", 39.00),
            I("Gravity Water Filter System", "water-filter|group|hydration", 99.00,
              ["a six-liter reservoir for group camps"]),
          ],
          features=["a hollow-fiber filter cartridge", "a collapsible dirty-water bag",
                    "a backflush syringe for cleaning", "a flow rate of well over a liter a minute"],
          uses=["refilling from streams", "group camping", "travel where tap water is iffy"],
          good=["Filtering water from a creek takes a couple of minutes at most.",
                "Water tastes clean, with none of that chemical aftertaste."],
          bad=["The flow slowed to a trickle after a week, even with backflushing.",
               "The bag split along the seam on the third trip."]),
        T("camp chair", "露营椅", [
            I("Packable Camp Chair", "camp-chair|packable|car-camping", 89.00),
          ],
          features=["a shock-corded frame", "a side mesh pocket",
                    "wide feet that don't sink into sand"],
          uses=["evenings around the fire", "music festivals", "beach days"],
          aud=["car-camping families", "weekend campers"],
          good=["It sets up in under a minute and is surprisingly comfortable.",
                "It has become the most fought-over seat at our campfire."],
          bad=["The seat sags after an hour and the frame digs into the backs of my legs."],
          materials=["powder-coated aluminum poles"]),
        T("rain jacket", "冲锋衣", [
            I("Waterproof Shell Jacket", "rain-jacket|waterproof|clothing", 199.00,
              ["a three-layer waterproof membrane"]),
            I("Packable Rain Jacket", "rain-jacket|packable|clothing", 99.00,
              ["a stow pocket it packs into"]),
          ],
          features=["pit zips for ventilation", "a helmet-compatible hood", "fully taped seams",
                    "adjustable cuffs"],
          uses=["all-day rain", "windy ridgelines", "shoulder-season hikes"],
          good=["It kept me dry through four hours of steady rain.",
                "The pit zips make a huge difference on uphill sections."],
          bad=["It wetted out on the shoulders after a single season.",
               "The hood blows back in any real wind."]),
        T("cook set", "炊具", [
            I("Titanium Cook Pot Set", "cookware|titanium|backpacking", 79.00),
          ],
          features=["a lid with a built-in strainer", "folding handles",
                    "a mug that nests inside the pot"],
          uses=["solo backpacking", "quick meals on the trail"],
          good=["The whole kit nests together and barely takes up any room.",
                "It's so light I forget it's in my pack."],
          bad=["Food burns onto the bottom easily because the thin titanium heats unevenly."]),
        T("hammock", "吊床", [
            I("Camping Hammock with Bug Net", "hammock|bug-net|lightweight", 89.00),
          ],
          features=["an integrated bug net", "tree-friendly straps",
                    "a ridgeline with a small organizer pouch"],
          uses=["lazy afternoons at the lake", "forest camps", "backyard naps"],
          good=["It goes up between two trees in a few minutes and the straps don't hurt the bark.",
                "I honestly sleep better in it than in my tent."],
          bad=["The bug net zipper jammed on the very first night."],
          materials=["breathable parachute nylon"]),
    ],
    pos=["Build quality feels solid for the price.",
         "It survived a week of rough use without a scratch.",
         "Noticeably lighter than the gear it replaced.",
         "It packs down smaller than I expected.",
         "Held up well through wind, rain, and a lot of mud.",
         "It feels like it was designed by people who actually go hiking."],
    neg=["The stitching started to come loose after a couple of trips.",
         "It's heavier than the listed weight; I checked on my kitchen scale.",
         "Customer service was slow to respond when I had a problem.",
         "The materials feel cheap for what it costs.",
         "The color faded noticeably after one summer in the sun."],
    context=["Took it on a three-day trip through the mountains.",
             "Used it on a week-long trek last summer.",
             "I've had it for a full season of weekend trips.",
             "Tested it on a wet and windy overnight on the coast.",
             "Brought it on a family camping trip to the lake.",
             "Used it on a section hike of about 120 km."],
    minor=["the color is brighter than in the photos",
           "the carry bag could be sturdier",
           "the setup instructions were vague",
           "it's slightly heavier than advertised"],
    zh_pos=["{zn}比我之前用的轻不少，背着走一天也不累。",
            "做工扎实，连着用了好几次都没出问题。",
            "山里天气变化大，用下来表现一直很稳定。",
            "收纳之后体积很小，放进背包不占地方。",
            "性价比很高，新手入门完全够用。",
            "细节设计很贴心，看得出是懂户外的人做的。",
            "{zn}质量超出预期，山里风很大也扛住了。"],
    zh_neg=["用了两次接缝就开线了，质量一般。",
            "实际重量比标称的重，有点失望。",
            "价格不便宜，做工却对不起这个价。",
            "说明书写得不清楚，第一次用折腾了半天。",
            "{zn}用了一季就有点变形了。"],
    zh_ctx=["上个月带去爬山用了三天。", "国庆假期带着它去露营了。",
            "周末和朋友徒步的时候用的。", "去川西走了一趟，全程都在用。"],
)


# ---------------------------------------------------------------------------
# Category 2: Coffee & Tea
# ---------------------------------------------------------------------------

COFFEE = dict(
    key="cof", name="Coffee & Tea", kind="goods",
    brands=["Ember & Oak", "Morning Ritual", "Kettle Hill", "Bluebird", "Tall Pine",
            "Copperleaf", "Driftwood", "Stillwater"],
    adjs=["well-made", "elegant", "reliable", "thoughtfully designed", "precise",
          "easygoing", "sturdy", "good-looking"],
    audience=["home baristas", "people who take their morning cup seriously",
              "newcomers to specialty coffee", "slow-morning enthusiasts",
              "office coffee snobs"],
    virtue=["flavor", "quality", "consistency"],
    extras=["Ships in plastic-free packaging.", "Backed by a one-year satisfaction guarantee.",
            "Packed to order in small batches.", "Makes a lovely gift for a coffee or tea lover."],
    types=[
        T("beans", "咖啡豆", [
            I("Ethiopian Yirgacheffe Whole Beans", "coffee|beans|single-origin|light-roast", 18.50,
              ["bright notes of blueberry and jasmine"]),
            I("Colombian Medium Roast Beans", "coffee|beans|medium-roast", 15.00,
              ["a caramel sweetness with a nutty finish"]),
            I("Espresso Blend Dark Roast Beans", "coffee|beans|espresso|dark-roast", 16.50,
              ["a heavy body that stands up to milk"]),
            I("Decaf Swiss Water Beans", "coffee|beans|decaf", 17.00,
              ["a chemical-free decaffeination process"]),
            I("Guatemalan Washed Beans", "coffee|beans|single-origin|medium-roast", 19.00,
              ["a clean finish with hints of orange peel"]),
          ],
          features=["a roast date printed on every bag", "a resealable one-way valve bag",
                    "traceable sourcing down to the farm"],
          uses=["pour-over mornings", "espresso at home", "a French press on the weekend"],
          adjs=["freshly roasted", "small-batch", "full-flavored", "well-balanced", "fragrant"],
          good=["Fresh and fragrant; the roast date was only a week old when it arrived.",
                "It makes a smooth cup with no bitterness, even when I over-extract a little."],
          bad=["The beans tasted stale and flat, like they'd been sitting in a warehouse.",
               "Far too bitter for my taste, even with a coarser grind."],
          plural=True),
        T("tea", "茶叶", [
            I("Dragon Well Green Tea", "tea|green-tea|loose-leaf", 22.00,
              ["a toasty, chestnut-like aroma"]),
            I("Aged Pu-erh Tea Cake", "tea|pu-erh|aged", 38.00,
              ["an earthy depth that softens over many steeps"]),
            I("Darjeeling First Flush", "tea|black-tea|loose-leaf", 24.00,
              ["a light, muscatel character"]),
            I("Tieguanyin Oolong", "tea|oolong|loose-leaf", 26.00,
              ["a floral, orchid-like fragrance"]),
            I("Chamomile Herbal Blend", "tea|herbal|caffeine-free", 12.00,
              ["whole chamomile flowers with a little lemon balm"]),
          ],
          features=["whole leaves rather than dust", "a resealable foil pouch",
                    "brewing guidance printed on the label"],
          uses=["quiet afternoons", "gongfu-style brewing", "an evening cup before bed"],
          adjs=["fragrant", "delicate", "small-batch", "carefully sourced", "soothing"],
          aud=["tea lovers", "anyone exploring loose-leaf tea", "slow-morning enthusiasts"],
          good=["Everything unfurls beautifully in the pot and holds up to several infusions.",
                "It smells amazing the moment you open the pouch."],
          bad=["Lots of broken bits and dust at the bottom of the bag.",
               "The flavor faded after the first steep."]),
        T("grinder", "磨豆机", [
            I("Burr Coffee Grinder", "grinder|burr|electric", 149.00),
            I("Hand Coffee Grinder", "grinder|manual|travel", 69.00,
              ["a fold-away crank handle"]),
            I("Compact Conical Burr Grinder", "grinder|burr|compact", 99.00),
          ],
          features=["stainless steel conical burrs", "a dial with over thirty grind settings",
                    "a static-free catch cup", "a timed dosing dial"],
          uses=["dialing in espresso", "fresh grounds for pour-over", "coffee while traveling"],
          good=["Grind size is consistent, and my pour-overs taste noticeably cleaner.",
                "Very little retention; almost everything I weigh in comes out."],
          bad=["It's loud enough to wake up the whole house.",
               "Grounds cling to the chute and make a mess on the counter."]),
        T("kettle", "手冲壶", [
            I("Gooseneck Pour-Over Kettle", "kettle|gooseneck|pour-over", 79.00),
            I("Electric Gooseneck Kettle", "kettle|electric|temperature-control", 99.00,
              ["a hold-temperature function"]),
          ],
          features=["a slender gooseneck spout", "a built-in thermometer",
                    "a counterweighted handle"],
          uses=["pour-over coffee", "green tea at the right temperature",
                "the daily morning cup"],
          good=["The pour is slow and precise, which is exactly what I needed for pour-over.",
                "Getting the water right for green tea has changed my mornings."],
          bad=["The handle gets hot after a few minutes.",
               "The lid is fiddly and drips when you pour from a full kettle."],
          materials=["brushed stainless steel"]),
        T("espresso machine", "咖啡机", [
            I("Home Espresso Machine", "espresso|machine|home-barista", 449.00),
            I("Single Boiler Espresso Maker", "espresso|machine|compact", 299.00),
          ],
          features=["a commercial-size 58mm portafilter", "a steam wand that makes proper microfoam",
                    "a PID temperature controller", "a pressure gauge on the front"],
          uses=["café-style drinks at home", "learning latte art", "a double shot before work"],
          good=["Shots come out rich with a thick crema once I dialed in the grind.",
                "The steam wand is strong enough to texture milk for two drinks back to back."],
          bad=["It takes nearly twenty minutes to warm up properly.",
               "The drip tray is tiny and overflows constantly."]),
        T("brewer", "冲泡器具", [
            I("Ceramic Pour-Over Dripper", "pour-over|dripper|ceramic", 28.00,
              ["spiral ribs that help the water flow evenly"]),
            I("Glass French Press", "french-press|brewer|glass", 35.00,
              ["a double mesh filter"]),
            I("Cold Brew Pitcher", "cold-brew|brewer|summer", 32.00,
              ["a removable fine-mesh infuser"]),
          ],
          features=["a heat-retaining body", "markings for water levels",
                    "a dishwasher-safe design"],
          uses=["a slow weekend brew", "iced coffee in summer", "brewing for two"],
          good=["Simple, easy to clean, and it makes a great cup.",
                "Better heat retention than my old plastic one."],
          bad=["Hard to get fully clean without a bottle brush.",
               "It feels fragile; I'm nervous every time I wash it."]),
        T("gaiwan set", "盖碗", [
            I("Porcelain Gaiwan Set", "teaware|gaiwan|porcelain", 42.00,
              ["a thin rim that stays cool to the touch"]),
          ],
          features=["a smooth glaze that doesn't hold stains", "four matching tasting cups"],
          uses=["gongfu tea sessions", "tasting several teas side by side"],
          aud=["tea lovers", "anyone exploring loose-leaf tea", "slow-morning enthusiasts"],
          good=["Beautifully made, and the lid sits perfectly for pouring.",
                "The porcelain is so thin and light it feels like a much pricier set."],
          bad=["There was a small chip on one of the cups right out of the box."],
          m="套"),
        T("teapot", "茶壶", [
            I("Cast Iron Teapot", "teaware|teapot|cast-iron", 58.00),
          ],
          features=["a stainless infuser basket", "an enamel-lined interior",
                    "a comfortable, well-balanced handle"],
          uses=["serving guests", "long afternoons of tea"],
          aud=["tea lovers", "anyone exploring loose-leaf tea", "slow-morning enthusiasts"],
          good=["It keeps tea hot for ages and looks lovely on the table."],
          bad=["The lid rattles and doesn't sit quite flat."]),
        T("cup set", "茶杯", [
            I("Double-Wall Glass Tea Cup Set", "teaware|glass|cups", 24.00),
          ],
          features=["double-wall glass that keeps the outside cool", "a matching set of four"],
          uses=["everyday tea", "iced drinks in summer"],
          aud=["tea lovers", "anyone exploring loose-leaf tea", "slow-morning enthusiasts"],
          good=["Watching the tea leaves float in these is weirdly relaxing.",
                "The outside stays cool even with boiling water inside."],
          bad=["Smaller than they look in the photos."],
          m="套"),
        T("milk frother", "奶泡器", [
            I("Electric Milk Frother", "milk-frother|latte|electric", 49.00),
          ],
          features=["hot and cold foam modes", "a non-stick interior", "a magnetic whisk"],
          uses=["lattes and cappuccinos", "iced foam drinks"],
          good=["Foam comes out thick and stable, good enough for a decent cappuccino."],
          bad=["The whisk keeps falling off when I clean it."]),
        T("matcha kit", "抹茶套装", [
            I("Ceremonial Matcha Starter Kit", "matcha|tea|whisk", 55.00,
              ["a bamboo whisk and scoop"]),
          ],
          features=["a tin of stone-ground ceremonial matcha", "a ceramic whisk holder"],
          uses=["a calm morning ritual", "matcha lattes"],
          aud=["tea lovers", "anyone exploring loose-leaf tea", "slow-morning enthusiasts"],
          good=["The matcha is vibrant green and whisks into a smooth, sweet froth."],
          bad=["The tin is tiny for the price and was gone in two weeks."],
          m="套"),
    ],
    pos=["My morning routine is better for it.",
         "Great value compared to what I pay at the café.",
         "Arrived quickly and well packed.",
         "Noticeably better than the supermarket stuff I used before.",
         "Quality is consistent from one order to the next."],
    neg=["Not worth the premium price.",
         "Quality control seems inconsistent between batches.",
         "The packaging was damaged when it arrived.",
         "Honestly, I couldn't tell much difference from cheaper options."],
    context=["I've been using it every morning for about two months.",
             "Bought it after my old one finally gave up.",
             "Treated myself after a long week.",
             "I drink three cups a day, so I'm picky.",
             "We go through a lot of tea and coffee in our house.",
             "Got it to upgrade the coffee corner at the office."],
    minor=["the packaging is a bit wasteful", "the instructions could be clearer",
           "shipping took longer than expected", "it's a touch pricey"],
    zh_pos=["香气很足，每天早上来一杯很享受。", "口感顺滑，一点也不苦。",
            "{zn}做工精致，用起来很顺手。", "比超市买的好太多了。",
            "包装很用心，到手完好无损。", "回味甘甜，喝完嘴里很舒服。",
            "{zn}颜值很高，放在桌上很好看。"],
    zh_neg=["味道有点淡，跟描述的不太一样。", "收到的时候包装破了。",
            "价格偏贵，感觉不太值。", "用了几天就出毛病了。",
            "{zn}品质不太稳定，两次买的差别很大。"],
    zh_ctx=["每天早上都用，已经一个多月了。", "买来放在办公室用的。",
            "朋友推荐买的。", "周末在家慢慢喝。"],
)


# ---------------------------------------------------------------------------
# Category 3: Board Games  (own description builder, see build_game)
# ---------------------------------------------------------------------------

MECHANICS = {
    "worker": dict(
        label="worker-placement",
        pitch=["Every turn is a tense choice about which spot to claim before someone else does.",
               "Placing your workers well means reading what your opponents need next."],
        audience=["groups who enjoy a meaty strategy game", "fans of classic euro games"],
        features=["the action board", "the blocking", "the resource tokens"],
        good=["Every turn is a tense decision about which spot to grab first.",
              "Blocking each other feels tactical rather than mean."],
        bad=["Downtime between turns gets long with four players.",
             "Once someone takes your key spot, there's not much you can do."]),
    "coop": dict(
        label="cooperative",
        pitch=["Everyone wins or loses together, so table talk is half the fun.",
               "The game fights back harder each round, forcing the team to plan carefully."],
        audience=["families who'd rather not compete", "groups who like solving problems together"],
        features=["the way the difficulty ramps up", "the event deck", "the shared decision-making"],
        good=["Winning together feels genuinely earned.",
              "Tense right up to the last round; we lost by a single card."],
        bad=["One experienced player can end up running the whole table.",
             "It's so hard that we lost our first six games in a row."]),
    "engine": dict(
        label="engine-building",
        pitch=["Small early decisions snowball into big, satisfying combo turns.",
               "Each card you add makes the next turn a little more powerful."],
        audience=["players who love a clever combo", "fans of medium-weight strategy"],
        features=["the card combos", "the end-game scoring", "the player boards"],
        good=["Watching your engine come together in the last few rounds is so satisfying.",
              "Lots of combos to discover, and no two games play the same."],
        bad=["There's very little interaction; everyone just plays their own puzzle.",
             "The first few rounds feel slow while you set things up."]),
    "party": dict(
        label="party",
        pitch=["Rules take a minute to explain, and the laughter starts right away.",
               "It's loud, silly, and works best with a full room."],
        audience=["big groups and holiday gatherings", "people who don't usually play board games"],
        features=["the clue cards", "the sand timer", "the team play"],
        good=["Had the whole table laughing within five minutes.",
              "Perfect for big groups and people who don't usually play games."],
        bad=["The fun wears off once you've seen all the cards.",
             "It falls flat with fewer than six people."]),
    "abstract": dict(
        label="abstract strategy",
        pitch=["The rules fit on a single card, but the decisions go surprisingly deep.",
               "There's no luck at all; every win or loss is on you."],
        audience=["chess and go players", "couples who like a quick head-to-head"],
        features=["the chunky pieces", "the simple rules", "the quick setup"],
        good=["Simple rules but surprisingly deep strategy.",
              "Games are short, so we always end up playing three in a row."],
        bad=["It feels a bit dry without any theme.",
             "Whoever moves first seems to have a big advantage."]),
    "rollwrite": dict(
        label="roll-and-write",
        pitch=["Everyone plays at once, so there's never any waiting around.",
               "Each roll is a small puzzle about where the numbers will do the most good."],
        audience=["families and casual players", "solo gamers looking for a quick puzzle"],
        features=["the score sheets", "the chunky dice", "the solo mode"],
        good=["Quick to teach, and everyone plays at the same time, so there's no waiting.",
              "The score sheet is a clever little puzzle every time."],
        bad=["Luck of the dice decides too much.",
             "We ran out of score sheets quickly and had to print our own."]),
    "tile": dict(
        label="tile-laying",
        pitch=["Drawing and placing tiles is relaxing, but scoring well takes planning.",
               "The map you build together looks different every single game."],
        audience=["families with kids aged eight and up", "anyone new to modern board games"],
        features=["the tile artwork", "the scoring track", "the family variant"],
        good=["The table looks gorgeous by the end of the game.",
              "Easy enough for our kids, but still interesting for adults."],
        bad=["Drawing the wrong tiles at the end can ruin your game.",
             "Counting up the final score is fiddly."]),
    "trick": dict(
        label="trick-taking card",
        pitch=["It keeps the familiar rhythm of trick-taking but adds a sneaky twist.",
               "Every hand is a small battle of nerve and memory."],
        audience=["fans of traditional card games", "players looking for something to take on holiday"],
        features=["the trump-changing twist", "the card art", "the scoring system"],
        good=["A fresh twist on classic trick-taking that our card club loves.",
              "Fits in a pocket and plays in half an hour."],
        bad=["Hard to explain to people who've never played trick-taking games.",
             "Too random to reward careful play."]),
    "legacy": dict(
        label="legacy campaign",
        pitch=["Sealed boxes and envelopes reveal new rules as the story unfolds.",
               "Decisions you make early on carry through to the final session."],
        audience=["regular game groups who can meet weekly", "players who love a story"],
        features=["the sealed envelopes", "the storybook", "the campaign map"],
        good=["Opening each new envelope was the highlight of our month.",
              "The story kept our group coming back every week."],
        bad=["Once the campaign is finished, there's not much reason to play again.",
             "Some of the later scenarios feel unbalanced."]),
    "duel": dict(
        label="two-player strategy",
        pitch=["It's built from the ground up for two, so every move is a direct reply to your opponent.",
               "Asymmetric sides keep rematches fresh."],
        audience=["couples and regular gaming partners", "players who enjoy a tight duel"],
        features=["the modular board", "the asymmetric factions", "the game length"],
        good=["The perfect game for evenings with my partner.",
              "Every move matters, and games often come down to the last turn."],
        bad=["After a dozen plays, the strategies start to feel solved.",
             "The first player seems to have a clear edge."]),
    "social": dict(
        label="social deduction",
        pitch=["Bluffing, accusations, and nervous laughter come as standard.",
               "No one is quite sure who to trust, and that's the point."],
        audience=["large groups of friends", "parties where people enjoy a bit of drama"],
        features=["the role cards", "the voting rounds", "the discussion phases"],
        good=["The accusations and bluffing are hilarious.",
              "Works brilliantly with a big group of friends."],
        bad=["Players eliminated early just sit around for twenty minutes.",
             "Quiet players don't really get to enjoy it."]),
    "deck": dict(
        label="deck-building",
        pitch=["You start with a small, weak deck and shape it into something powerful.",
               "A shared market of cards means every game builds in a new direction."],
        audience=["fans of card games with a strategic edge", "players who enjoy tuning a deck"],
        features=["the card art", "the market row", "the starter decks"],
        good=["The card combos are clever without being overwhelming.",
              "Shuffling a deck you built yourself never gets old."],
        bad=["Too much shuffling for such a short game.",
             "The card pool starts to feel thin after a few plays."]),
}

# name, mechanic, tags, price, players, time phrase, theme clause
GAMES = [
    ("Canal Barons", "worker", "worker-placement|strategy|economic", 54.00, "two to four players",
     "about 90 minutes", "rival merchant families compete to control trade along the canals of a floating city"),
    ("Lanternfall", "coop", "cooperative|fantasy|family", 45.00, "one to four players",
     "about an hour", "a band of lamplighters keeps a haunted village safe through one very long night"),
    ("Hive & Harvest", "engine", "engine-building|nature|medium-weight", 49.00, "one to four players",
     "about an hour", "you tend beehives and orchards, turning pollen into honey and honey into points"),
    ("Parley", "party", "party|word-game|teams", 22.00, "four to ten players",
     "about 20 minutes", "two pirate crews shout out clues before the sand runs out"),
    ("Tessellate", "abstract", "abstract|two-player|quick", 29.00, "two players",
     "about 20 minutes", "hexagonal tiles are laid to surround and capture your opponent's stones"),
    ("Dice Harbor", "rollwrite", "roll-and-write|dice|family", 19.00, "one to six players",
     "about 25 minutes", "everyone uses the same dice rolls to build a busy fishing harbor on their own sheet"),
    ("Mosaic Road", "tile", "tile-laying|family|gateway", 39.00, "two to five players",
     "about 45 minutes", "players extend an ancient road network tile by tile, claiming towns along the way"),
    ("Crow's Bargain", "trick", "card-game|trick-taking|quick", 15.00, "three to five players",
     "about 30 minutes", "every trick you win might come with a curse attached"),
    ("Outpost Sigma", "legacy", "legacy|campaign|sci-fi", 79.00, "two to four players",
     "about an hour", "your choices permanently reshape a research base on an icy moon"),
    ("Duel of Sails", "duel", "two-player|strategy|nautical", 34.00, "two players",
     "about 40 minutes", "two admirals maneuver their fleets across a modular sea of islands and reefs"),
    ("The Quiet Conspiracy", "social", "social-deduction|party|bluffing", 25.00, "five to ten players",
     "about 30 minutes", "a hidden traitor quietly sabotages the royal court from within"),
    ("Deepwood Deck", "deck", "deck-building|fantasy|card-game", 44.00, "two to four players",
     "about 45 minutes", "you recruit woodland creatures into your deck to defend the old forest"),
    ("Orbital Freight", "deck", "deck-building|sci-fi|economic", 52.00, "one to four players",
     "about an hour", "you run a scrappy shipping company hauling cargo between space stations"),
    ("Little Bakery", "tile", "tile-laying|family|puzzle", 32.00, "two to four players",
     "about 30 minutes", "each player fills a bakery display with pastries in satisfying patterns"),
    ("Snowbound", "coop", "cooperative|survival|story", 58.00, "one to five players",
     "about 75 minutes", "stranded travelers work together to survive a blizzard in a mountain lodge"),
    ("Market Day", "worker", "worker-placement|family|medieval", 42.00, "two to five players",
     "about an hour", "villagers send family members to market stalls to buy, sell, and gossip"),
    ("Wordsmith Rally", "party", "party|word-game|quick", 18.00, "two to eight players",
     "about 15 minutes", "everyone races to build words from a shared pool of letter cards"),
    ("Gambit Stones", "abstract", "abstract|two-player|classic-style", 26.00, "two players",
     "about 15 minutes", "stones capture by jumping, but captured pieces can return to haunt you"),
    ("Volcano Isle", "rollwrite", "roll-and-write|exploration|solo-friendly", 21.00, "one to six players",
     "about 30 minutes", "explorers chart a smoking volcanic island, one dice roll at a time"),
    ("Tidepool", "engine", "engine-building|nature|card-game", 38.00, "one to five players",
     "about 45 minutes", "you build little tidal ecosystems where each creature triggers the next"),
    ("Heist at Midnight", "coop", "cooperative|heist|real-time", 36.00, "two to four players",
     "about 45 minutes", "a crew of thieves plans and pulls off a museum heist against a ticking clock"),
    ("The Last Lighthouse", "legacy", "legacy|campaign|story", 69.00, "one to four players",
     "about an hour", "keepers struggle to run a remote lighthouse through one very strange decade"),
    ("Pocket Kingdoms", "duel", "two-player|card-game|drafting", 16.00, "two players",
     "about 20 minutes", "two rulers draft cards to grow tiny rival kingdoms"),
    ("Moon Tricks", "trick", "card-game|trick-taking|family", 14.00, "three to six players",
     "about 30 minutes", "the phase of the moon decides which suit is trump each round"),
    ("Secret Envoys", "social", "social-deduction|bluffing|large-group", 28.00, "six to twelve players",
     "about 40 minutes", "diplomats at a tense summit try to work out which delegates are spies"),
]

GAMES_CAT = dict(
    key="brd", name="Board Games", kind="game",
    adjs=["clever", "fast-paced", "tense", "cozy", "approachable", "thinky", "lively"],
    pos=["Component quality is excellent for the price.",
         "The rulebook is clear and full of examples.",
         "It's been on our table almost every weekend since we got it.",
         "Easy to teach, hard to master.",
         "Even my non-gamer friends asked to play it again."],
    neg=["The rulebook left us with a lot of unanswered questions.",
         "Setup and teardown take almost as long as playing.",
         "The box insert is useless and everything slides around.",
         "The player count on the box is optimistic; it drags at the maximum.",
         "The card stock is thin and already showing wear."],
    context=["Played it five times with my partner.",
             "We brought it to our weekly game night.",
             "Played it with my kids, aged 9 and 12.",
             "Tried it at a board game café first, then bought a copy.",
             "We've played about a dozen games so far.",
             "Took it along on a family holiday."],
    minor=["the box is much bigger than it needs to be", "the rulebook has a few typos",
           "the box art doesn't do it justice", "a few components arrived slightly warped"],
    zh_pos=["规则简单，上手很快，家里人都喜欢玩。", "配件质量很好，卡牌手感不错。",
            "每次玩都有新的策略，耐玩度很高。", "朋友聚会必备，气氛一下就热起来了。",
            "美术风格很漂亮，摆在桌上就很有氛围。", "{zn}节奏紧凑，一局下来意犹未尽。",
            "两个人玩也很有意思。"],
    zh_neg=["规则书写得很乱，看了好久才明白。", "人数多的时候等待时间太长了。",
            "配件有点廉价，卡牌很薄。", "玩了几次就觉得重复了。",
            "{zn}运气成分太大，策略用处不大。"],
    zh_ctx=["周末和朋友聚会的时候玩的。", "跟家里人一起玩了好几局。",
            "在桌游店试玩过之后买的。", "和对象两个人玩的。"],
)


# ---------------------------------------------------------------------------
# Category 4: Kitchen & Cooking
# ---------------------------------------------------------------------------

KITCHEN = dict(
    key="kit", name="Kitchen & Cooking", kind="goods",
    brands=["Hearthstone", "Copper Lane", "Little Larder", "Saltcellar", "Ironbark",
            "Maple & Mill", "Brightpan", "Greystone"],
    adjs=["sturdy", "versatile", "easy-to-clean", "professional-grade", "long-lasting",
          "dependable", "handsome", "practical"],
    audience=["busy home cooks", "weekend bakers", "people setting up a first kitchen",
              "cooks who want tools that last", "families who cook every night",
              "meal-prep fans"],
    virtue=["performance", "ease of cleaning", "durability"],
    extras=["Backed by a lifetime warranty against manufacturing defects.",
            "Arrives in recyclable, plastic-free packaging.",
            "Every piece is quality-checked before it leaves the workshop.",
            "Makes a thoughtful housewarming gift."],
    types=[
        T("knife", "刀", [
            I("8-Inch Chef's Knife", "knife|chef-knife|stainless", 89.00),
            I("Japanese-Style Santoku Knife", "knife|santoku|japanese-style", 109.00,
              ["a hollow-ground edge that stops food sticking"]),
            I("Serrated Bread Knife", "knife|bread|serrated", 45.00,
              ["deep scalloped serrations"]),
          ],
          features=["a full-tang, balanced handle", "a high-carbon stainless blade",
                    "a blade guard for drawer storage", "a smooth bolster for a pinch grip"],
          uses=["everyday prep", "slicing vegetables paper-thin", "weeknight dinners"],
          good=["It came razor sharp and glides through tomatoes without squashing them.",
                "The balance is excellent, and my hand doesn't tire during long prep sessions."],
          bad=["It lost its edge within a month and needs constant honing.",
               "Small rust spots appeared near the handle after a few washes."],
          m="把"),
        T("pot", "铸铁锅", [
            I("Pre-Seasoned Cast Iron Skillet", "cast-iron|skillet|pan", 39.00, noun="skillet"),
            I("Enameled Dutch Oven", "dutch-oven|enameled|braising", 129.00,
              ["a tight-fitting, self-basting lid"], noun="Dutch oven"),
          ],
          features=["a helper handle on the opposite side", "a smooth cooking surface",
                    "pour spouts on both sides", "excellent heat retention"],
          uses=["searing steaks", "slow braises and stews", "baking no-knead bread"],
          good=["It holds heat beautifully and gives a great sear.",
                "Goes from stovetop to oven without a second thought."],
          bad=["It's really heavy; I need two hands to lift it when it's full.",
               "The finish started to chip within the first few months."],
          m="口"),
        T("pan", "不粘锅", [
            I("Ceramic Nonstick Frying Pan", "nonstick|frying-pan|ceramic", 49.00),
            I("Hard-Anodized Nonstick Sauté Pan", "nonstick|saute-pan|hard-anodized", 89.00,
              ["a glass lid with a steam vent"]),
          ],
          features=["an induction-ready base that heats evenly", "a stay-cool handle",
                    "an oven-safe design up to 230°C", "a PFAS-free coating"],
          uses=["eggs and pancakes", "quick weeknight stir-fries", "pan sauces"],
          good=["Eggs slide right off with barely any oil.",
                "It heats evenly, with no hot spot in the middle."],
          bad=["The coating started to wear off after a few months.",
               "The handle works loose and needs tightening every few weeks."],
          m="口"),
        T("stand mixer", "厨师机", [
            I("Tilt-Head Stand Mixer", "mixer|baking|appliance", 299.00),
          ],
          features=["a five-liter stainless bowl", "a dough hook, whisk, and flat beater",
                    "ten speed settings"],
          uses=["bread dough", "holiday baking", "whipping cream and meringue"],
          good=["It kneads bread dough without straining or walking across the counter."],
          bad=["It's loud, and the head wobbles a little at high speed."],
          m="台"),
        T("blender", "破壁机", [
            I("High-Speed Blender", "blender|smoothies|appliance", 179.00),
          ],
          features=["a tamper for thick blends", "preset programs for soups and smoothies",
                    "a BPA-free jar"],
          uses=["morning smoothies", "hot soups", "homemade nut butters"],
          good=["Smoothies come out completely smooth, even with frozen fruit and kale."],
          bad=["The jar started leaking from the base after a few months."],
          m="台"),
        T("cutting board", "砧板", [
            I("End-Grain Walnut Cutting Board", "cutting-board|wood|walnut", 79.00,
              ["end-grain walnut that's kind to knife edges"]),
            I("Bamboo Cutting Board Set", "cutting-board|bamboo|set", 29.00,
              ["three sizes for different jobs"]),
          ],
          features=["a juice groove around the edge", "non-slip rubber feet",
                    "a reversible design"],
          uses=["carving roasts", "daily chopping", "serving cheese and bread"],
          good=["Gentle on my knives and it looks great left out on the counter.",
                "Big enough for a whole chicken, and it doesn't slide around."],
          bad=["It warped after a couple of months even though I only hand wash it.",
               "It stains easily; beet juice never quite came out."],
          m="块"),
        T("bakeware", "烘焙模具", [
            I("Nonstick Loaf Pan", "baking|loaf-pan|bread", 19.00, noun="loaf pan"),
            I("Pizza Stone with Peel", "baking|pizza|stone", 49.00,
              ["a wooden peel for sliding pizzas in and out"], noun="pizza stone"),
            I("Silicone Baking Mat Set", "baking|silicone|reusable", 22.00,
              noun="baking mat set"),
          ],
          features=["an even, golden bake", "an easy-release surface", "a size that fits standard ovens"],
          uses=["banana bread and sandwich loaves", "homemade pizza nights",
                "cookies and roasted vegetables"],
          good=["Bakes evenly, with nicely browned edges and no burnt bottoms.",
                "Cleanup is so much easier than before."],
          bad=["Things still stick despite the nonstick claim.",
               "Results were uneven: pale on one side and overdone on the other."]),
        T("pressure cooker", "电压力锅", [
            I("Electric Pressure Cooker", "pressure-cooker|appliance|one-pot", 119.00),
          ],
          features=["a stainless inner pot", "a delayed-start timer", "a quick-release steam valve"],
          uses=["weeknight curries", "cooking beans from dry", "batch cooking for the week"],
          good=["Dried chickpeas go from rock hard to creamy in under an hour."],
          bad=["The sealing ring holds onto smells; everything tastes faintly of last week's curry."],
          m="台"),
        T("spatula set", "硅胶铲", [
            I("Silicone Spatula Set", "utensils|silicone|heat-resistant", 18.00),
          ],
          features=["one-piece construction with no seams to trap food",
                    "heat resistance up to 260°C", "a thin, flexible edge"],
          uses=["scraping bowls clean", "folding batter"],
          good=["They scrape a bowl clean and don't melt near a hot pan."],
          bad=["They picked up a garlic smell that won't wash out."],
          m="套"),
        T("scale", "电子秤", [
            I("Digital Kitchen Scale", "scale|baking|digital", 25.00),
          ],
          features=["gram-level precision", "a responsive tare button",
                    "a pull-out display that doesn't hide under big bowls"],
          uses=["bread baking by weight", "weighing coffee doses"],
          good=["Accurate to the gram, and the tare button responds instantly."],
          bad=["It switches itself off far too quickly, sometimes in the middle of weighing."],
          m="台"),
        T("mixing bowl set", "搅拌碗", [
            I("Stainless Mixing Bowl Set", "mixing-bowls|stainless|nesting", 34.00),
          ],
          features=["non-slip silicone bases", "pouring lips", "snap-on lids"],
          uses=["prepping ingredients", "mixing dough"],
          good=["The bowls nest neatly, and the lids make storing leftovers easy."],
          bad=["The non-slip bases peeled off in the dishwasher."],
          m="套"),
        T("grater", "擦丝器", [
            I("Fine Rasp Grater", "grater|zester|citrus", 16.00),
          ],
          features=["photo-etched stainless blades", "a protective cover", "a non-slip foot"],
          uses=["zesting lemons", "grating parmesan and ginger"],
          good=["It zests a lemon in seconds without getting into the bitter pith."],
          bad=["It went dull much faster than I expected."],
          m="个"),
        T("thermometer", "温度计", [
            I("Instant-Read Thermometer", "thermometer|meat|digital", 29.00),
          ],
          features=["a two-second reading", "a backlit display", "a fold-away probe"],
          uses=["roasting chicken", "deep frying", "candy making"],
          good=["Readings are fast and match my old lab thermometer."],
          bad=["The probe hinge got loose within a few months."],
          m="个"),
        T("wok", "炒锅", [
            I("Carbon Steel Wok", "wok|carbon-steel|stir-fry", 59.00),
          ],
          features=["a flat bottom for home stoves", "a wooden helper handle",
                    "a carbon steel body that builds a natural patina"],
          uses=["high-heat stir-fries", "deep frying and steaming"],
          good=["Once seasoned, it gives proper smoky wok flavor on my home burner."],
          bad=["It arrived with a sticky factory coating that took ages to scrub off."],
          m="口"),
        T("rice cooker", "电饭煲", [
            I("Fuzzy Logic Rice Cooker", "rice-cooker|appliance|rice", 139.00),
          ],
          features=["a keep-warm mode", "settings for brown rice and porridge", "a thick inner bowl"],
          uses=["perfect rice every night", "congee in the morning"],
          good=["Rice comes out fluffy and evenly cooked every time."],
          bad=["The inner pot coating scratched within weeks."],
          m="台"),
        T("whetstone kit", "磨刀石", [
            I("Whetstone Sharpening Kit", "sharpening|whetstone|knife-care", 39.00),
          ],
          features=["a 1000/6000 grit combination stone", "a non-slip bamboo base", "a clip-on angle guide"],
          uses=["keeping knives sharp", "learning to sharpen by hand"],
          good=["My old knives are sharper now than the day I bought them."],
          bad=["The angle guide is flimsy and slips off the blade."],
          m="套"),
        T("pepper mill", "研磨器", [
            I("Beechwood Pepper Mill", "pepper-mill|spices|adjustable", 32.00),
          ],
          features=["an adjustable ceramic burr", "a wide top for easy refills"],
          uses=["the dinner table", "seasoning steaks"],
          good=["The grind adjusts from powder to coarse and stays where you set it."],
          bad=["It takes forever to grind a decent amount of pepper."],
          materials=["solid beech wood"], m="个"),
        T("containers", "保鲜盒", [
            I("Glass Meal Prep Containers", "storage|glass|meal-prep", 36.00),
          ],
          features=["snap-lock lids", "oven-safe borosilicate glass", "stackable shapes"],
          uses=["meal prep", "packed lunches"],
          good=["The lids seal tight, and nothing has leaked in my bag."],
          bad=["Two of the lid clips snapped within the first month."],
          plural=True, m="套"),
    ],
    pos=["Feels like it will last for years.",
         "Easy to clean, which is half the battle in my kitchen.",
         "Looks great on the counter, too.",
         "It has made weeknight cooking noticeably easier.",
         "Great quality for the price."],
    neg=["Cleanup is a chore.",
         "Quality doesn't match the premium price.",
         "The instructions were nearly useless.",
         "It arrived with a dent in it.",
         "It takes up more space than I'd like."],
    context=["I cook dinner most nights for a family of four.",
             "Used it for a big holiday meal.",
             "I've been meal-prepping with it every Sunday.",
             "It replaced a cheap one I'd put up with for years.",
             "Bought it when I started baking more seriously.",
             "I cook a lot of Chinese and Korean food at home."],
    minor=["it's a little heavier than I expected", "the color is greyer than in the photos",
           "it doesn't fit in my dishwasher", "the box was badly dented"],
    zh_pos=["做工很扎实，用起来很顺手。", "清洗很方便，省了不少事。",
            "做饭效率提高了不少。", "外观简洁大方，放在厨房里很好看。",
            "用了一个多月，质量没问题。", "家里人都说好用。",
            "{zn}分量很足，一看就是用料实在。"],
    zh_neg=["用了没多久就出现了质量问题。", "清洗起来很麻烦。",
            "实物和图片差别有点大。", "有股很重的味道，洗了好几遍才散。",
            "{zn}比想象中小很多，不太实用。"],
    zh_ctx=["每天给家里人做饭都会用到。", "过年做大餐的时候用的。",
            "周末在家烘焙用的。", "刚搬新家，添置厨房用品。"],
)


# ---------------------------------------------------------------------------
# Category 5: Photography
# ---------------------------------------------------------------------------

PHOTO = dict(
    key="pho", name="Photography", kind="goods",
    brands=["Lumen", "Aperture Nine", "Brightfield", "Silverhalide", "Foxlight",
            "Kestrel Optics", "Vantage", "Northlight"],
    adjs=["precise", "travel-friendly", "well-built", "versatile",
          "compact", "pro-grade", "dependable"],
    audience=["enthusiast photographers", "travel shooters", "beginners ready to move beyond a phone",
              "working photographers on a budget", "landscape and night-sky photographers",
              "hybrid photo and video creators"],
    virtue=["image quality", "portability", "build quality"],
    extras=["Includes a padded protective pouch.", "Backed by a two-year warranty.",
            "Firmware updates are free for the life of the product.",
            "Every unit is tested before it leaves the factory."],
    types=[
        T("camera", "相机", [
            I("Mirrorless Camera Body 24MP", "camera|mirrorless|full-frame", 1299.00,
              ["a 24-megapixel full-frame sensor"]),
            I("Compact Travel Camera", "camera|compact|travel", 549.00,
              ["a pocketable body with a 10x zoom lens"]),
          ],
          features=["in-body image stabilization", "a fully articulating screen",
                    "weather sealing", "a fast hybrid autofocus system"],
          uses=["travel photography", "street shooting", "family events"],
          good=["Autofocus locks on to eyes instantly, even with kids running around.",
                "High-ISO images are much cleaner than from my old camera."],
          bad=["Battery life is poor; I need two spares for a day of shooting.",
               "The menus are confusing and buried several levels deep."],
          m="台"),
        T("instant camera", "拍立得", [
            I("Retro Instant Film Camera", "camera|instant|film", 99.00),
          ],
          features=["a built-in flash", "a selfie mirror", "an automatic exposure mode"],
          uses=["parties", "scrapbooking", "weekend trips"],
          adjs=["fun", "retro-styled", "easygoing", "cheerful"],
          aud=["party hosts", "scrapbookers", "families who love printed photos"],
          good=["Prints come out with lovely colors, and everyone at the party wanted one."],
          bad=["Film is expensive, and a few shots came out badly overexposed."],
          m="台"),
        T("lens", "镜头", [
            I("50mm f/1.8 Prime Lens", "lens|prime|portrait", 199.00, ["creamy background blur"]),
            I("24-70mm f/2.8 Zoom Lens", "lens|zoom|standard", 999.00, ["a constant f/2.8 aperture"]),
            I("70-200mm f/4 Telephoto Lens", "lens|telephoto|wildlife", 749.00, ["built-in optical stabilization"]),
            I("16mm f/2.8 Wide-Angle Lens", "lens|wide-angle|landscape", 399.00, ["very low distortion"]),
            I("90mm Macro Lens", "lens|macro|close-up", 599.00, ["true 1:1 magnification"]),
          ],
          features=["a quiet stepping autofocus motor", "a smoothly damped focus ring",
                    "a nine-blade aperture for round highlights", "a fluorine-coated front element"],
          uses=["portraits and everyday shooting", "landscapes and travel", "events and weddings"],
          good=["Sharp from corner to corner, even wide open.",
                "Colors and contrast look great straight out of the camera."],
          bad=["Autofocus hunts in low light.",
               "There's noticeable purple fringing on high-contrast edges."],
          m="支"),
        T("tripod", "三脚架", [
            I("Carbon Fiber Travel Tripod", "tripod|carbon|travel", 229.00),
            I("Aluminum Tripod with Ball Head", "tripod|aluminum|ball-head", 119.00),
          ],
          features=["twist-lock legs", "an Arca-style quick release plate",
                    "a reversible center column for low angles", "a built-in bubble level"],
          uses=["long exposures", "landscape trips", "night-sky photography"],
          good=["Rock steady even with a heavy lens, and it folds down small enough for a carry-on.",
                "The ball head locks down firmly without any creep."],
          bad=["The leg locks loosened up in cold weather.",
               "It's too short for me unless I raise the center column."],
          m="个"),
        T("camera bag", "相机包", [
            I("Camera Backpack 25L", "camera-bag|backpack|travel", 139.00, ["a padded laptop sleeve"]),
            I("Sling Camera Bag", "camera-bag|sling|everyday", 69.00, ["a quick-access top zip"]),
          ],
          features=["customizable padded dividers", "side access to the main compartment",
                    "a rain cover tucked into the base"],
          uses=["travel days", "hiking with a camera", "city walks"],
          good=["I can swing it around and grab the camera without taking it off.",
                "It fits a body, three lenses, and all my chargers comfortably."],
          bad=["The dividers are flimsy and don't stay put.",
               "It's uncomfortable when fully loaded; the straps dig in."],
          materials=["water-resistant waxed canvas"], m="个"),
        T("flash", "闪光灯", [
            I("Speedlight Flash", "flash|speedlight|lighting", 129.00),
          ],
          features=["wireless triggering", "a rechargeable lithium battery", "a snap-on diffuser"],
          uses=["indoor portraits", "event coverage"],
          good=["Recycle time is quick, and the output is consistent from shot to shot."],
          bad=["It overheated after twenty minutes of rapid shooting."],
          m="个"),
        T("light panel", "补光灯", [
            I("LED Video Light Panel", "lighting|led|video", 89.00),
          ],
          features=["adjustable color temperature", "a built-in battery", "a magnetic diffuser"],
          uses=["product photos", "video calls and vlogging"],
          good=["The light is soft and even, and skin tones look natural."],
          bad=["The app that controls it constantly loses connection."],
          m="个"),
        T("filter", "滤镜", [
            I("Circular Polarizer Filter", "filter|polarizer|landscape", 59.00),
            I("Variable ND Filter", "filter|nd|video", 89.00),
          ],
          features=["multi-coated glass", "a slim frame that avoids vignetting", "a protective case"],
          uses=["cutting glare on water", "long exposures in daylight", "smooth video motion"],
          good=["Skies look deeper, and reflections on water just disappear.",
                "No visible color cast, which surprised me at this price."],
          bad=["It's a pain to screw on and off with cold fingers.",
               "It vignettes slightly on my widest lens."],
          m="片"),
        T("memory card", "存储卡", [
            I("128GB High-Speed SD Card", "memory-card|storage|sd", 39.00),
          ],
          features=["fast write speeds for burst shooting", "a lock switch", "a rugged shell"],
          uses=["4K video", "sports and burst shooting"],
          good=["I've never filled the buffer during burst shooting with this card."],
          bad=["It corrupted a whole afternoon of photos once."],
          m="张"),
        T("film", "胶卷", [
            I("Color Negative Film 3-Pack", "film|35mm|color", 32.00, ["natural skin tones"]),
            I("Black & White Film 400", "film|35mm|black-and-white", 12.00, ["rich, deep blacks"]),
          ],
          features=["fine grain", "wide exposure latitude"],
          uses=["street photography", "shooting old cameras"],
          adjs=["classic", "forgiving", "characterful", "versatile"],
          good=["The grain is fine and the tones are gorgeous.",
                "Very forgiving when I misjudge the exposure."],
          bad=["The shadows came out muddy and oddly tinted."],
          m="卷"),
        T("drone", "无人机", [
            I("Foldable Camera Drone", "drone|aerial|4k", 699.00),
          ],
          features=["a three-axis gimbal", "obstacle sensors", "a 30-minute flight time"],
          uses=["aerial landscapes", "travel videos"],
          good=["Footage is smooth, and it holds position well even in some wind."],
          bad=["The app insists on an account and a round of updates before every other flight."],
          m="台"),
        T("gimbal", "稳定器", [
            I("Smartphone Gimbal", "gimbal|smartphone|video", 109.00),
          ],
          features=["three-axis stabilization", "a built-in extension rod", "gesture control"],
          uses=["vlogging", "family videos"],
          good=["Walking shots look like they were filmed on rails."],
          bad=["Balancing a heavier phone is a constant struggle."],
          m="个"),
        T("photo printer", "照片打印机", [
            I("Compact Photo Printer", "printer|prints|compact", 149.00),
          ],
          features=["dye-sublimation prints", "a Bluetooth connection", "a protective coating on every print"],
          uses=["printing holiday snaps", "filling photo albums"],
          good=["The prints look like they came from a proper lab."],
          bad=["Paper and ink cartridges are expensive for what you get."],
          m="台"),
        T("cleaning kit", "清洁套装", [
            I("Sensor & Lens Cleaning Kit", "cleaning|sensor|maintenance", 29.00),
          ],
          features=["a rocket air blower", "microfiber cloths", "sensor swabs"],
          uses=["dusty trips", "routine maintenance"],
          good=["The blower alone is worth it; the dust spots are gone."],
          bad=["The swabs left streaks on my sensor."],
          m="套"),
        T("camera strap", "相机背带", [
            I("Leather Camera Strap", "strap|leather|accessory", 45.00),
          ],
          features=["quick-connect anchors", "a padded underside"],
          uses=["all-day shooting", "street walks"],
          good=["Comfortable all day, and it looks better the more I use it."],
          bad=["The anchor clips feel like they might slip."],
          materials=["vegetable-tanned leather"], m="条"),
        T("light meter", "测光表", [
            I("Handheld Light Meter", "light-meter|film|exposure", 179.00),
          ],
          features=["incident and reflected metering", "a backlit screen", "a memory function"],
          uses=["film photography", "studio lighting"],
          good=["My exposures on slide film came out spot on."],
          bad=["The buttons are tiny and hard to press with gloves on."],
          m="个"),
    ],
    pos=["Build quality is excellent.",
         "Worth every cent for the results.",
         "My photos have improved noticeably since I started using it.",
         "Well made and thoughtfully designed.",
         "It lives in my bag permanently now."],
    neg=["Overpriced for what it is.",
         "Quality feels a step below the brand's reputation.",
         "Customer support never answered my email.",
         "It arrived with a scuff that suggests it was a return."],
    context=["Took it on a two-week trip to Japan.",
             "Used it to photograph a friend's wedding.",
             "I shoot landscapes most weekends.",
             "Tested it during a night of astrophotography.",
             "Used it every day on a trip through the Alps.",
             "I mostly photograph my kids and our dog."],
    minor=["the included pouch is cheap", "the manual is thin",
           "it's a little heavier than I'd like", "the lens cap falls off too easily"],
    zh_pos=["成像很清晰，色彩也很自然。", "做工精致，拿在手里很有质感。",
            "出去旅行拍照方便多了。", "性价比很高，新手也容易上手。",
            "拍出来的照片朋友们都说好看。", "{zn}轻便小巧，出门带着一点也不累赘。"],
    zh_neg=["价格偏高，有点不值。", "用了一阵子就出现了故障。",
            "说明书太简单，很多功能不知道怎么用。", "比想象中重，带出门有点累。",
            "{zn}做工有瑕疵，边角有划痕。"],
    zh_ctx=["去云南旅行的时候一直在用。", "平时主要拍孩子和猫。",
            "周末出去扫街用的。", "带去看了一次日出。"],
)


# ---------------------------------------------------------------------------
# Category 6: Running & Fitness
# ---------------------------------------------------------------------------

RUNNING = dict(
    key="run", name="Running & Fitness", kind="goods",
    brands=["Stride Lab", "Pacer", "Kinetic Fox", "Tempo Works", "Summit Sport",
            "Flux Athletic", "Redline", "Bolt & Birch"],
    adjs=["tough", "well-made", "versatile", "no-nonsense", "reliable", "dependable",
          "well-designed"],
    audience=["home-gym regulars", "people getting back into fitness",
              "busy commuters who train before work", "anyone building a home workout corner"],
    virtue=["comfort", "support", "durability"],
    extras=["Free returns if the fit isn't right.", "Tested by our team of club runners.",
            "Backed by a one-year warranty.", "Ships in a reusable drawstring bag."],
    types=[
        T("shoes", "跑鞋", [
            I("Daily Cushioned Running Shoes", "running-shoes|road|cushioned", 129.00,
              ["a plush foam midsole"]),
            I("Lightweight Racing Flats", "running-shoes|racing|lightweight", 159.00,
              ["a snappy carbon-infused plate"]),
            I("Trail Running Shoes", "running-shoes|trail|grip", 139.00,
              ["deep lugs for mud and loose rock"]),
            I("Stability Running Shoes", "running-shoes|stability|support", 135.00,
              ["a firmer medial post for overpronators"]),
            I("Minimalist Zero-Drop Shoes", "running-shoes|minimalist|zero-drop", 109.00,
              ["a wide toe box with zero heel-to-toe drop"]),
          ],
          features=["a breathable knit upper", "a rocker-shaped midsole", "a grippy rubber outsole",
                    "a padded heel collar", "reflective details for early mornings"],
          uses=["easy miles", "race day", "muddy trails"],
          adjs=["responsive", "breathable", "cushioned", "lightweight", "supportive"],
          aud=["new runners", "marathoners in training", "club runners"],
          good=["They felt broken in from the very first run.",
                "Plenty of cushioning without feeling mushy at faster paces.",
                "My usual heel blisters never showed up."],
          bad=["The outsole wore through after only about 300 km.",
               "They run half a size small, so order up."],
          plural=True, m="双"),
        T("watch", "运动手表", [
            I("GPS Running Watch", "watch|gps|tracking", 249.00),
            I("Multisport Smartwatch", "watch|multisport|heart-rate", 399.00,
              ["dedicated swim, bike, and run profiles"]),
          ],
          features=["accurate dual-band GPS", "wrist-based heart rate",
                    "a battery that lasts about two weeks", "structured workout guidance"],
          uses=["marathon training", "tracking long runs", "triathlon training"],
          adjs=["accurate", "lightweight", "smart", "reliable"],
          aud=["new runners", "marathoners in training", "club runners"],
          good=["GPS locks on in seconds, and distances match the track.",
                "Battery life is outstanding; I charge it once a week."],
          bad=["Heart rate readings go wild during interval sessions.",
               "The companion app is cluttered and slow to sync."],
          m="块"),
        T("yoga mat", "瑜伽垫", [
            I("Non-Slip Yoga Mat", "yoga-mat|non-slip|yoga", 59.00),
            I("Foldable Travel Yoga Mat", "yoga-mat|travel|foldable", 39.00),
          ],
          features=["a textured grip surface", "alignment lines", "a carrying strap"],
          uses=["hot yoga", "home workouts", "stretching after runs"],
          adjs=["grippy", "cushioned", "comfortable", "durable"],
          good=["No slipping, even when I'm sweaty in downward dog.",
                "Cushioned enough for my knees but still stable for balance poses."],
          bad=["It had a strong rubber smell for weeks.",
               "The surface started flaking after a couple of months."],
          materials=["natural tree rubber"], m="张"),
        T("dumbbells", "哑铃", [
            I("Adjustable Dumbbell Pair", "dumbbells|strength|home-gym", 299.00,
              ["a quick-change weight dial"], noun="dumbbell pair", plural=False),
            I("Neoprene Dumbbell Set", "dumbbells|beginner|home-gym", 49.00,
              ["three color-coded weight pairs"], noun="dumbbell set", plural=False),
          ],
          features=["knurled grips", "a compact storage tray", "hexagonal ends that don't roll"],
          uses=["home strength training", "small apartments", "circuit workouts"],
          good=["Good grip, solid feel, and they stay put on the floor.",
                "They take up hardly any space in my small flat."],
          bad=["The plates rattle noticeably during presses.",
               "The coating started peeling off the handles."],
          plural=True, m="副"),
        T("resistance bands", "弹力带", [
            I("Resistance Band Set", "resistance-bands|strength|travel", 29.00,
              ["a door anchor for rows and presses"], noun="band set", plural=False),
            I("Fabric Hip Bands", "resistance-bands|glutes|fabric", 22.00,
              ["non-roll woven fabric"]),
          ],
          features=["five color-coded resistance levels", "a mesh carry pouch"],
          uses=["warm-ups", "physio exercises", "workouts while traveling"],
          good=["Perfect for glute activation before runs.",
                "A full workout kit that fits in a jacket pocket."],
          bad=["One of the bands snapped after a few weeks.",
               "They smelled strongly of rubber straight out of the bag."],
          plural=True, m="套"),
        T("foam roller", "泡沫轴", [
            I("Textured Foam Roller", "foam-roller|recovery|mobility", 35.00),
          ],
          features=["a firm hollow core", "a ridged, textured surface"],
          uses=["post-run recovery", "loosening tight calves"],
          good=["My IT band hates it, but my legs feel much better afterward."],
          bad=["It's softer than expected and has already flattened a bit."],
          m="个"),
        T("massage gun", "筋膜枪", [
            I("Percussion Massage Gun", "massage-gun|recovery|percussion", 149.00),
          ],
          features=["five speed settings", "six interchangeable heads", "a quiet brushless motor"],
          uses=["sore legs after long runs", "desk-job shoulders"],
          good=["It works wonders on my calves after a long run."],
          bad=["Much louder than advertised, and the battery drains quickly."],
          m="把"),
        T("hydration vest", "跑步背心", [
            I("Trail Hydration Vest", "hydration-vest|trail|ultrarunning", 119.00),
          ],
          features=["two soft flasks", "a bounce-free fit", "stretch pockets for gels"],
          uses=["ultra races", "long trail runs"],
          aud=["new runners", "marathoners in training", "club runners"],
          good=["Zero bounce, even on fast downhills."],
          bad=["The soft flasks leak where the cap meets the bottle."],
          m="件"),
        T("running kit", "运动服", [
            I("Lightweight Running Shorts", "apparel|shorts|running", 45.00,
              ["a built-in liner"], noun="shorts", plural=True, zh="跑步短裤",
              uses=["hot summer runs", "race day", "track sessions"]),
            I("Merino Running Tee", "apparel|merino|base-layer", 65.00,
              ["odor-resistant merino wool"], noun="tee", zh="速干T恤"),
            I("Thermal Running Tights", "apparel|tights|winter", 69.00,
              ["a brushed, fleecy lining"], noun="tights", plural=True, zh="跑步紧身裤",
              uses=["winter training", "cold early-morning runs"]),
            I("Compression Running Socks", "apparel|socks|compression", 19.00,
              ["graduated compression"], noun="socks", plural=True, zh="压缩袜", m="双"),
          ],
          features=["flatlock seams", "sweat-wicking fabric", "reflective trim"],
          uses=["hot summer runs", "winter training", "race day"],
          adjs=["breathable", "lightweight", "sweat-wicking", "comfortable", "soft"],
          aud=["new runners", "marathoners in training", "club runners"],
          good=["Comfortable from the first kilometer to the last, with no chafing.",
                "Dries quickly and stays fresh even after long runs."],
          bad=["The fabric pilled after just a few washes.",
               "The sizing is way off and much tighter than the chart suggests."],
          m="件"),
        T("jump rope", "跳绳", [
            I("Weighted Jump Rope", "jump-rope|cardio|conditioning", 25.00),
          ],
          features=["ball-bearing handles", "an adjustable steel cable"],
          uses=["quick cardio sessions", "boxing conditioning"],
          good=["It spins smoothly, and the handles feel solid."],
          bad=["The cable kinked within a week."],
          m="根"),
        T("kettlebell", "壶铃", [
            I("Cast Iron Kettlebell 16kg", "kettlebell|strength|cast-iron", 59.00),
          ],
          features=["a wide, smooth handle", "a flat, stable base"],
          uses=["swings and snatches", "home conditioning"],
          good=["The handle is smooth enough that my hands don't get torn up during swings."],
          bad=["The paint chipped in the first week."],
          m="个"),
        T("pull-up bar", "单杠", [
            I("Doorway Pull-Up Bar", "pull-up-bar|strength|home-gym", 39.00),
          ],
          features=["foam-padded grips", "no-screw installation", "multiple grip positions"],
          uses=["small home gyms", "calisthenics"],
          good=["Installed in a minute, and it feels solid under my full weight."],
          bad=["It left marks on the door frame."],
          m="个"),
        T("heart rate strap", "心率带", [
            I("Chest Heart Rate Strap", "heart-rate|sensor|training", 79.00),
          ],
          features=["Bluetooth and ANT+ connectivity", "a soft textile strap"],
          uses=["interval training", "zone-based runs"],
          aud=["new runners", "marathoners in training", "club runners"],
          good=["Readings are far more reliable than my watch's optical sensor."],
          bad=["The strap chafes under the sternum on long runs."],
          m="条"),
        T("running belt", "跑步腰包", [
            I("Bounce-Free Running Belt", "running-belt|storage|phone", 25.00),
          ],
          features=["a phone-sized stretch pocket", "a key clip", "a soft elastic waistband"],
          uses=["carrying a phone on runs", "race day essentials"],
          aud=["new runners", "marathoners in training", "club runners"],
          good=["My phone stays put and I forget I'm even wearing it."],
          bad=["It rides up my waist after a few kilometers."],
          m="个"),
    ],
    pos=["Great value for the quality.",
         "It has become part of my training routine.",
         "Holding up well after months of regular use.",
         "Exactly what I needed to get back into shape."],
    neg=["Didn't last as long as I'd hoped.",
         "Quality control seems hit and miss.",
         "Overpriced for what you get.",
         "It looks different from the product photos."],
    context=["I run about 40 km a week.",
             "Used it throughout my half-marathon training block.",
             "I'm training for my first marathon.",
             "I work out at home four mornings a week.",
             "Bought it when I started running again after an injury.",
             "Used it through a winter of early-morning runs."],
    minor=["the color faded a little in the wash", "the sizing runs slightly small",
           "it's a bit pricier than the competition", "the packaging was excessive"],
    zh_pos=["用了一个多月，效果很明显。", "质量很好，天天用也没问题。",
            "性价比很高，比专卖店便宜不少。", "{zn}设计合理，运动的时候很方便。",
            "有了它，坚持锻炼的动力更足了。", "配合训练计划用，进步很明显。",
            "{zn}用着很舒服，一点也不别扭。"],
    zh_neg=["用了不久就坏了，质量一般。", "尺码偏小，建议买大一号。",
            "有股很重的橡胶味。", "跟宣传的效果差距挺大。",
            "{zn}做工粗糙，线头很多。"],
    zh_ctx=["每周跑三次，每次五公里左右。", "在家练了两个月。",
            "备战半马的时候买的。", "下班之后去健身房用的。"],
)


# ---------------------------------------------------------------------------
# Category 7: Gardening
# ---------------------------------------------------------------------------

GARDEN = dict(
    key="gar", name="Gardening", kind="goods",
    brands=["Greenthumb", "Fern & Furrow", "Bramblewood", "Sowright", "Rootstock",
            "Hedgerow", "Meadowlark", "Potting Shed"],
    adjs=["hard-working", "weatherproof", "beginner-friendly", "sturdy", "well-made",
          "handy", "reliable", "practical"],
    audience=["balcony gardeners", "allotment growers", "beginners with a first vegetable patch",
              "people who spend every weekend in the garden", "gardeners with limited space"],
    virtue=["durability", "ease of use", "good looks"],
    extras=["Ships in recyclable packaging.", "Backed by a three-year guarantee.",
            "Tested in our own trial garden before going on sale.",
            "A percentage of every sale supports community gardens."],
    types=[
        T("seeds", "种子", [
            I("Heirloom Tomato Seed Collection", "seeds|tomatoes|heirloom", 14.00,
              ["six varieties from cherry to beefsteak"], noun="seed collection", plural=False),
            I("Wildflower Meadow Seed Mix", "seeds|wildflowers|pollinators", 12.00,
              ["native species that feed bees and butterflies"], noun="seed mix", plural=False,
              aud=["wildlife-friendly gardeners", "nature lovers", "balcony gardeners"],
              uses=["a pollinator-friendly border", "turning a patch of lawn into meadow"]),
            I("Culinary Herb Seed Kit", "seeds|herbs|kitchen-garden", 16.00,
              ["basil, parsley, dill, and chives"], noun="seed kit", plural=False,
              uses=["a kitchen windowsill", "balcony pots", "raised beds"]),
            I("Salad Greens Seed Mix", "seeds|lettuce|quick-growing", 8.00,
              ["a cut-and-come-again blend"], noun="seed mix", plural=False),
            I("Dwarf Sunflower Seeds", "seeds|sunflowers|containers", 6.00,
              ["compact plants that stay under a meter tall"]),
          ],
          features=["clear sowing instructions on every packet", "a high germination rate",
                    "open-pollinated varieties you can save seed from"],
          uses=["raised beds", "balcony pots", "a first vegetable garden"],
          adjs=["easy-to-grow", "reliable", "beginner-friendly", "cheerful", "productive"],
          good=["Almost every seed germinated within a week.",
                "The plants were vigorous and kept producing all summer."],
          bad=["Germination was patchy; maybe a third came up.",
               "What came up didn't match the varieties on the packet."],
          plural=True, m="包"),
        T("trowel", "园艺铲", [
            I("Stainless Steel Hand Trowel", "trowel|hand-tools|stainless", 19.00),
          ],
          features=["depth markings on the blade", "a comfortable ergonomic grip", "a hanging loop"],
          uses=["planting bulbs", "potting up seedlings"],
          good=["Strong enough to lever out stubborn roots without bending."],
          bad=["The handle loosened after one season."],
          m="把"),
        T("pruners", "修枝剪", [
            I("Bypass Pruning Shears", "pruners|hand-tools|pruning", 34.00),
          ],
          features=["a hardened steel blade", "a one-handed safety catch", "a sap groove"],
          uses=["tidying shrubs", "deadheading roses"],
          good=["They cut cleanly through thick stems without crushing them."],
          bad=["The spring popped out within the first month."],
          plural=True, m="把"),
        T("hori hori knife", "园艺刀", [
            I("Japanese Hori Hori Knife", "hori-hori|hand-tools|weeding", 39.00),
          ],
          features=["a serrated edge for roots", "a leather sheath", "depth markings on the blade"],
          uses=["weeding tight spaces", "dividing perennials"],
          good=["It digs, cuts, and weeds; I barely use my other tools now."],
          bad=["The sheath is stiff and hard to get the knife back into."],
          m="把"),
        T("garden fork", "园艺叉", [
            I("Ash Handle Garden Fork", "fork|digging|hand-tools", 49.00),
          ],
          features=["forged steel tines", "a smooth ash handle", "a D-shaped grip"],
          uses=["turning compost", "breaking up heavy soil"],
          good=["It went through our heavy clay without a single tine bending."],
          bad=["The handle started splitting near the grip after a season."],
          m="把"),
        T("gloves", "手套", [
            I("Thorn-Proof Gardening Gloves", "gloves|protection|roses", 24.00),
          ],
          features=["leather palms", "long gauntlet cuffs", "reinforced fingertips"],
          uses=["pruning roses", "clearing brambles"],
          good=["Rose thorns didn't get through once."],
          bad=["They're stiff and clumsy for fine work."],
          plural=True, m="副"),
        T("watering gear", "浇水工具", [
            I("Expandable Garden Hose", "hose|watering|expandable", 39.00,
              ["solid brass fittings", "a seven-pattern spray nozzle"], noun="hose", zh="水管"),
            I("Galvanized Watering Can", "watering-can|watering|galvanized", 32.00,
              ["a long, balanced spout", "a removable brass rose"], noun="watering can", zh="浇水壶"),
            I("Drip Irrigation Kit", "irrigation|drip|water-saving", 59.00,
              ["a battery-powered timer", "a pressure regulator"], noun="irrigation kit", zh="滴灌套装"),
            I("Oscillating Sprinkler", "sprinkler|watering|lawn", 29.00,
              ["adjustable spray width", "a weighted base"], noun="sprinkler", zh="洒水器"),
          ],
          uses=["watering vegetable beds", "keeping pots alive through heatwaves", "lawn care"],
          good=["Watering takes half the time it used to.",
                "Watering the whole garden is so much quicker now."],
          bad=["It started leaking within the first month.",
               "It feels flimsier than the price suggests."]),
        T("planter", "种植箱", [
            I("Cedar Raised Garden Bed", "raised-bed|cedar|vegetables", 149.00,
              ["rot-resistant cedar boards"], noun="raised bed"),
            I("Self-Watering Planter", "planter|self-watering|indoor", 34.00,
              ["a hidden water reservoir"]),
            I("Fabric Grow Bags 5-Pack", "grow-bags|containers|potatoes", 22.00,
              ["breathable felt walls that prevent root circling"], noun="grow bags", plural=True),
          ],
          features=["drainage that prevents soggy roots", "a depth that suits root vegetables"],
          uses=["patio vegetables", "small urban gardens", "growing potatoes"],
          good=["My plants are noticeably healthier than the ones in the ground.",
                "Easy to assemble, and it looks great on the patio."],
          bad=["The material started breaking down after one winter.",
               "Soil dries out too fast in summer heat."]),
        T("plant food", "肥料", [
            I("Organic Potting Mix", "potting-mix|organic|containers", 15.00,
              ["a peat-free, coir-based blend", "added perlite for drainage"], noun="potting mix", zh="营养土"),
            I("Slow-Release Plant Food", "fertilizer|organic|slow-release", 13.00,
              ["granules that feed for three months", "a balanced nutrient ratio"], noun="plant food"),
          ],
          uses=["container planting", "feeding hungry vegetables"],
          adjs=["organic", "gentle", "reliable", "easy-to-use"],
          good=["My container plants have never looked so green.",
                "It made a visible difference within a few weeks."],
          bad=["The bag was full of sticks and big lumps.",
               "I honestly couldn't see any difference in my plants."],
          m="袋"),
        T("compost tumbler", "堆肥桶", [
            I("Rotating Compost Tumbler", "compost|tumbler|recycling", 119.00),
          ],
          features=["a twin-chamber design", "a crank handle for easy turning", "air vents on every side"],
          uses=["turning kitchen scraps into compost", "small gardens"],
          good=["We had usable compost in about eight weeks."],
          bad=["It gets very heavy to turn once it's half full."],
          m="个"),
        T("grow light", "植物灯", [
            I("Full-Spectrum LED Grow Light", "grow-light|indoor|seedlings", 69.00),
          ],
          features=["a full-spectrum LED array", "a built-in timer", "adjustable height"],
          uses=["starting seedlings in spring", "fresh herbs in winter"],
          good=["Seedlings grew sturdy instead of leggy."],
          bad=["The timer resets after every power cut."],
          m="盏"),
        T("herb garden", "水培种植机", [
            I("Countertop Herb Garden", "indoor-garden|herbs|hydroponic", 129.00),
          ],
          features=["a hydroponic water tank", "an automatic light cycle", "pre-seeded pods"],
          uses=["fresh herbs in winter", "kitchens without a garden"],
          good=["We've had fresh basil all winter."],
          bad=["The pump is noisier than I'd like in a quiet kitchen."],
          m="台"),
        T("bird feeder", "喂鸟器", [
            I("Cedar Bird Feeder", "bird-feeder|wildlife|cedar", 39.00),
          ],
          features=["a removable roof for cleaning", "a mesh floor that drains rain", "a mounting bracket"],
          uses=["bringing birds into the garden", "winter feeding"],
          aud=["wildlife-friendly gardeners", "families with curious kids", "nature lovers"],
          good=["Within a week we had blue tits and goldfinches visiting every day."],
          bad=["The squirrels emptied it in a single afternoon."],
          materials=["FSC-certified cedar"], m="个"),
        T("bee hotel", "昆虫屋", [
            I("Solitary Bee Hotel", "bee-hotel|pollinators|wildlife", 29.00),
          ],
          features=["a sloped roof that sheds rain", "nesting tubes in several sizes"],
          uses=["a pollinator-friendly garden", "teaching kids about insects"],
          aud=["wildlife-friendly gardeners", "families with curious kids", "nature lovers"],
          good=["Mason bees moved in the first spring, which was exciting to watch."],
          bad=["The wood split after a few months outdoors."],
          materials=["untreated pine and bamboo"], m="个"),
        T("kneeler", "跪垫", [
            I("Garden Kneeler and Seat", "kneeler|comfort|seat", 45.00),
          ],
          features=["a flip-over frame that works as a seat", "a thick foam pad", "side tool pouches"],
          uses=["long weeding sessions", "planting out borders"],
          good=["My knees finally stopped complaining after a morning of weeding."],
          bad=["The frame wobbles when I use it as a seat."],
          m="个"),
    ],
    pos=["It has made gardening more enjoyable this season.",
         "Good quality for the price.",
         "Holding up well after a full season outdoors.",
         "I'd happily buy it again."],
    neg=["Results were underwhelming for the price.",
         "Pricey for what it is.",
         "It arrived damaged, and the replacement took weeks.",
         "Not as sturdy as it looks in the photos."],
    context=["I have a small allotment and a sunny balcony.",
             "Used it all spring and summer in our vegetable beds.",
             "We moved into a house with a neglected garden last year.",
             "I grow mostly herbs and tomatoes on the patio.",
             "Our garden has heavy clay soil.",
             "I've been gardening for about twenty years."],
    minor=["the packaging used a lot of plastic", "the instructions were sparse",
           "the color is a bit garish", "delivery took almost two weeks"],
    zh_pos=["今年种的菜长得特别好。", "质量不错，在院子里放了一个季度还跟新的一样。",
            "{zn}很实用，阳台种花方便多了。", "用起来很顺手，干活省力不少。",
            "家里老人也说好用。", "{zn}设计很贴心，看得出是懂园艺的人做的。"],
    zh_neg=["放在室外没多久就坏了。", "质量一般，感觉不值这个价。",
            "效果不明显，有点失望。", "收到的时候有破损。",
            "{zn}比图片上看起来小很多。"],
    zh_ctx=["阳台上种了一些花和香草。", "春天开始在院子里种菜。",
            "家里有个小菜园。", "退休以后开始养花。"],
)


# ---------------------------------------------------------------------------
# Category 8: Sci-Fi Books  (own description builder, see build_book)
# ---------------------------------------------------------------------------

SUBGENRES = {
    "space-opera": dict(
        pitch=["It's a big, swashbuckling space opera with a found-family crew at its heart.",
               "Expect galactic politics, narrow escapes, and plenty of heart."],
        fans="sprawling adventures with a crew they'd follow anywhere",
        features=["the found-family crew", "the galactic politics", "the ship-to-ship battles"],
        good=["The crew's banter had me laughing out loud.",
              "Huge in scope, but it never loses track of its characters."],
        bad=["Too many factions and names to keep track of."]),
    "hard-sf": dict(
        pitch=["Rigorous hard science fiction where every solution has to obey the physics.",
               "A tense, carefully researched story that treats engineering as drama."],
        fans="problem-solving stories grounded in real physics",
        features=["the carefully worked-out physics", "the engineering problem-solving",
                  "the sense of isolation"],
        good=["The science is clearly well researched, and that makes the tension feel real.",
              "Watching the characters solve problems step by step was weirdly gripping."],
        bad=["Pages of orbital mechanics slowed the story to a crawl."]),
    "cyberpunk": dict(
        pitch=["A rain-soaked cyberpunk thriller with a noir edge.",
               "Fast, stylish cyberpunk with plenty to say about who owns our minds."],
        fans="neon-lit thrillers",
        features=["the rain-soaked city", "the street slang", "the noir atmosphere"],
        good=["The atmosphere is thick and moody; you can practically smell the rain.",
              "Sharp, fast, and angrier than I expected, in a good way."],
        bad=["The invented slang gets exhausting after a while."]),
    "first-contact": dict(
        pitch=["A thoughtful first-contact story that cares more about understanding than invasion.",
               "It's a slow-burning mystery about what it really means to communicate."],
        fans="cerebral alien encounters",
        features=["the linguistics puzzle", "the alien perspective chapters", "the slow build of tension"],
        good=["The aliens feel genuinely alien, not humans in costume.",
              "The slow build toward the reveal kept me up far too late."],
        bad=["After all that build-up, the reveal was a letdown."]),
    "time-travel": dict(
        pitch=["A twisty time-travel puzzle that rewards close reading.",
               "Clever, warm, and full of paradoxes that actually add up."],
        fans="puzzle-box plots",
        features=["the way the timelines fit together", "the period detail", "the paradox puzzles"],
        good=["Every loose thread ties up in a really satisfying way.",
              "The twists are clever without ever cheating."],
        bad=["I lost track of which timeline we were in more than once."]),
    "post-apocalyptic": dict(
        pitch=["A quiet post-apocalyptic journey that finds hope in unlikely places.",
               "Spare, haunting, and surprisingly tender."],
        fans="quiet, character-driven survival stories",
        features=["the bleak but hopeful tone", "the landscape descriptions", "the survival details"],
        good=["Bleak setting, but there's real warmth in it.",
              "The sense of place is incredible."],
        bad=["Relentlessly grim; I needed breaks between chapters."]),
    "climate-fiction": dict(
        pitch=["Climate fiction that focuses on adaptation and community rather than disaster.",
               "A grounded look at how ordinary people might live through a changing climate."],
        fans="near-future stories about our changing planet",
        features=["the multi-generational structure", "the grounded science", "the quiet, hopeful ending"],
        good=["Grounded, humane, and quietly hopeful.",
              "It made me think about the future without lecturing me."],
        bad=["It sometimes reads more like an essay than a novel."]),
    "artificial-intelligence": dict(
        pitch=["A tender story about machine minds and what we owe them.",
               "It asks big questions about consciousness through a very personal lens."],
        fans="stories about artificial minds",
        features=["the machine narrator's voice", "the questions about consciousness", "the emotional core"],
        good=["The narrator's voice is unforgettable.",
              "Moving in a way I didn't expect from a robot story."],
        bad=["It retreads questions that other AI novels have already explored."]),
    "generation-ship": dict(
        pitch=["A claustrophobic mystery set entirely within the ship's walls.",
               "Part coming-of-age story, part conspiracy thriller."],
        fans="locked-room mysteries in space",
        features=["the ship's hidden history", "the closed-world mystery", "the politics between decks"],
        good=["The closed world of the ship feels completely lived in.",
              "The central mystery is paced perfectly."],
        bad=["The ending explains too much and loses the mystery."]),
    "short-stories": dict(
        pitch=["The stories range from funny to heartbreaking.",
               "Each piece is short enough to read in one sitting."],
        fans="short fiction they can finish over a coffee",
        features=["the variety of voices", "the title story", "the shortest pieces"],
        good=["Every story has at least one idea I keep thinking about.",
              "Great to dip into between longer novels."],
        bad=["The quality varies a lot from story to story."]),
    "military-sf": dict(
        pitch=["Military science fiction with tight tactics and a lot of heart.",
               "Expect fleet battles, hard choices, and a crew you'll root for."],
        fans="character-driven military sci-fi",
        features=["the tactical battle scenes", "the chain-of-command drama", "the misfit crew"],
        good=["The battle scenes are clear and genuinely thrilling.",
              "More heart than I expected from military sci-fi."],
        bad=["Too much jargon and far too many acronyms."]),
    "solarpunk": dict(
        pitch=["An optimistic solarpunk novel about building better futures together.",
               "Bright, inventive, and a welcome antidote to doom-laden sci-fi."],
        fans="hopeful, community-focused futures",
        features=["the optimistic vision of the future", "the community dynamics", "the inventive technology"],
        good=["A hopeful future that still feels believable.",
              "Refreshing to read sci-fi that isn't all doom."],
        bad=["Pleasant, but the stakes never feel very high."]),
}

# title, author, subgenre, form (novel/collection/anthology), price, premise
BOOKS = [
    ("The Salt Between Stars", "Ines Varga", "space-opera", "novel", 16.99,
     "A salvage pilot drowning in debt finds a derelict warship that is still broadcasting her name."),
    ("Quiet Orbit", "Tomas Reiner", "hard-sf", "novel", 14.99,
     "A three-person crew on a slow cargo run to Ceres must rebuild their ship's reactor using only what's aboard."),
    ("Neon Debt", "Kaya Mbeki", "cyberpunk", "novel", 15.99,
     "In a flooded megacity where memories can be mortgaged, a courier discovers that someone has been renting out her childhood."),
    ("The Listening Array", "Priya Anand-Holt", "first-contact", "novel", 17.99,
     "A radio astronomer decodes a signal that turns out to be a reply to a message no human ever sent."),
    ("Yesterday's Engine", "Owen Calloway", "time-travel", "novel", 13.99,
     "A clockmaker in 1890s Edinburgh builds a machine that can send objects back exactly eleven minutes, and not a second more."),
    ("After the Harvest", "Lena Sorbus", "post-apocalyptic", "novel", 14.99,
     "Years after a blight wiped out the world's grain, a traveling seed librarian crosses the ruined prairie in search of the last wild wheat."),
    ("High Water Almanac", "Juno Akers", "climate-fiction", "novel", 16.49,
     "Told through the logbooks of a floating village, it follows three generations learning to live on a drowned coastline."),
    ("A Mind Made of Rain", "Dae-ho Lim", "artificial-intelligence", "novel", 15.49,
     "A household robot assigned to care for an elderly painter slowly begins to form opinions about art."),
    ("The Fourth Deck", "Maren Quist", "generation-ship", "novel", 17.49,
     "On a generation ship nearing arrival, a teenage archivist uncovers why the founders erased an entire deck from every record."),
    ("Dust Weddings", "Rafael Osei", "short-stories", "collection", 12.99,
     "Twelve stories about ordinary people on a half-terraformed Mars, from a wedding held in a dust storm to a strike at the oxygen works."),
    ("Iron Tide", "Cass Delacroix", "military-sf", "novel", 15.99,
     "A disgraced fleet captain is handed a ship full of misfits just days before an alien armada reaches the outer colonies."),
    ("Greenglass City", "Amara Vell", "solarpunk", "novel", 14.49,
     "In a city powered by rooftop gardens and sunlight, a young engineer must decide whether to expose a flaw in the system everyone loves."),
    ("The Cartographer of Nowhere", "Isak Lindqvist", "space-opera", "novel", 16.99,
     "An exiled mapmaker is hired to chart a region of space where the stars move whenever no one is watching."),
    ("Zero Point Summer", "Helen Marsh", "hard-sf", "novel", 15.99,
     "Physicists at a remote Antarctic lab notice that their experiment is finishing a few seconds before it starts, and the gap grows every day."),
    ("Chrome Saints", "Diego Ferrante", "cyberpunk", "novel", 13.99,
     "A street preacher with an illegal neural implant becomes the unwilling prophet of a rogue AI."),
    ("What the Whales Said", "Noor Haddad", "first-contact", "novel", 16.49,
     "Marine biologists realize that a sudden change in whale song is a translation of something arriving from deep space."),
    ("The Loop at Kestrel Bridge", "Jonah Pike", "time-travel", "novel", 12.99,
     "A commuter relives the same train journey every morning until she notices that the other passengers are stuck too."),
    ("Ash and Antenna", "Ruth Okonkwo", "post-apocalyptic", "novel", 14.99,
     "A teenage radio operator in a walled town starts receiving broadcasts from a city that is supposed to be empty."),
    ("The Thaw Line", "Viktor Haas", "climate-fiction", "novel", 15.49,
     "As the permafrost retreats, an Arctic geologist uncovers something that has been frozen for far longer than humans have existed."),
    ("Every Version of Ada", "Mira Castell", "artificial-intelligence", "novel", 16.99,
     "A software engineer trains a chatbot on her late sister's messages and has to face what it becomes."),
    ("Seedship Meridian", "Tobias Grey", "generation-ship", "novel", 15.99,
     "Five hundred years into the voyage, the crew of the Meridian holds an election on whether to turn around."),
    ("Postcards from Tomorrow", "Lila Moreno", "short-stories", "anthology", 13.49,
     "Eighteen short pieces imagine everyday life a century from now, from school lunches to funerals."),
    ("The Ninth Squadron", "Aiko Brandt", "military-sf", "novel", 14.99,
     "A drone pilot fighting a war from a bunker on the Moon begins to doubt who she is really fighting."),
    ("Runway Gardens", "Efe Adaeze", "solarpunk", "novel", 15.49,
     "A community of tinkerers turns an abandoned airport into a solar-powered market town and attracts some powerful enemies."),
    ("The Slow Light Colony", "Nadia Kovač", "hard-sf", "novel", 17.99,
     "A colony founded by a near-light-speed ship has to live with the fact that news from Earth arrives centuries out of date."),
]

BOOKS_CAT = dict(
    key="sfb", name="Sci-Fi Books", kind="book",
    pos=["I couldn't put it down and finished it in two evenings.",
         "The prose is clean and the pacing never drags.",
         "The ending landed perfectly.",
         "The characters felt like real people, not plot devices.",
         "Some of the best worldbuilding I've read in years."],
    neg=["The middle third drags badly.",
         "Too much technical exposition and not enough story.",
         "The ending felt rushed and unearned.",
         "I never connected with the main character.",
         "The dialogue is clunky in places."],
    context=["Read it on a long flight.",
             "Picked it up for my book club.",
             "I read a lot of science fiction, so I'm hard to impress.",
             "Read it over a rainy weekend.",
             "Bought it after a friend wouldn't stop talking about it.",
             "Read it in small chunks on my commute."],
    minor=["the cover doesn't really fit the story", "a couple of side characters are underused",
           "the first chapter is slow", "there are a few typos in my edition"],
    zh_pos=["情节很吸引人，一口气就看完了。", "世界观设定很宏大，细节也很用心。",
            "人物塑造得很立体。", "结局出乎意料，回味了很久。",
            "文笔很好，读起来很舒服。", "{zn}的想象力太丰富了，很多设定让人眼前一亮。"],
    zh_neg=["中间部分节奏太慢了。", "技术描写太多，读着有点累。",
            "结尾有点仓促。", "人物有点脸谱化。",
            "{zn}前半部分很难读进去。"],
    zh_ctx=["在地铁上断断续续看完的。", "读书会选的书。",
            "趁着假期读完的。", "朋友强烈推荐的。"],
)


CATEGORIES = [HIKING, COFFEE, GAMES_CAT, KITCHEN, PHOTO, RUNNING, GARDEN, BOOKS_CAT]
CAT_BY_KEY = {c["key"]: c for c in CATEGORIES}


# ---------------------------------------------------------------------------
# Generic review phrases (per "kind": physical goods, books, games)
# ---------------------------------------------------------------------------

SHORT = {
    "goods": {5: ["Great value.", "Love it.", "Exactly what I needed.", "Excellent, no complaints."],
              4: ["Solid, does the job well.", "Very good for the price.", "Happy with it.",
                  "Good quality, fast delivery."],
              3: ["It's okay.", "Fine for the price, nothing special.", "Average."],
              2: ["Disappointing.", "Not worth the money.", "Expected better."],
              1: ["Broke within a week.", "Returned it.", "Waste of money."]},
    "book": {5: ["Couldn't put it down.", "An instant favorite.", "Brilliant from start to finish."],
             4: ["A really good read.", "Enjoyable and smart.", "Worth your time."],
             3: ["Decent, but not memorable.", "Good ideas, uneven execution.", "It was fine."],
             2: ["Didn't grab me.", "Too slow for my taste."],
             1: ["Gave up halfway.", "Not for me at all."]},
    "game": {5: ["Our new favorite game.", "Instant hit with our group.", "Fantastic game."],
             4: ["Fun and easy to teach.", "Good game, plays well.", "Hits the table often."],
             3: ["It's fine, but rarely gets played.", "Okay filler game.", "Not bad, not great."],
             2: ["Fell flat with our group.", "Too long for what it is."],
             1: ["Sold it after one game.", "Not fun at all."]},
}

OPEN = {
    "goods": {5: ["Absolutely love it.", "Couldn't be happier with this.", "Exceeded my expectations.",
                  "Really impressed."],
              4: ["Very happy with it overall.", "Solid purchase.", "Pretty great."],
              3: ["Mixed feelings about this one.", "It's fine, but not amazing.",
                  "Decent, though I expected more."],
              2: ["Disappointed.", "Not great.", "I really wanted to like it."],
              1: ["Very disappointed.", "Save your money.", "Avoid."]},
    "book": {5: ["What a book.", "One of the best things I've read this year.", "Absolutely loved it."],
             4: ["Really enjoyed this.", "A very good read."],
             3: ["Mixed feelings.", "An okay read."],
             2: ["Disappointing.", "Not my thing, as it turns out."],
             1: ["Couldn't stand it.", "A real slog."]},
    "game": {5: ["What a game.", "This one is a keeper."],
             4: ["Really fun.", "Enjoyed it a lot."],
             3: ["It's alright.", "Mixed feelings."],
             2: ["Didn't click with us.", "Underwhelming."],
             1: ["Terrible.", "Not worth the box it came in."]},
}

CLOSE = {
    "goods": {5: ["Would buy again without hesitation.", "Highly recommend.",
                  "Already recommended it to two friends.", "Best purchase I've made this year."],
              4: ["Would recommend.", "Good value for money.", "Happy with the purchase."],
              3: ["Fine if you find it on sale.", "Okay for the price, I suppose.",
                  "Not sure I'd buy it again."],
              2: ["There are better options for the money.", "Probably won't buy this brand again.",
                  "Wouldn't recommend."],
              1: ["Returned it for a refund.", "Total waste of money.", "One star is generous."]},
    "book": {5: ["Already ordered the author's other work.", "Recommending it to everyone.",
                 "I'll be thinking about it for a long time."],
             4: ["Would recommend to any sci-fi fan.", "I'd read more from this author."],
             3: ["Might work better for someone else.", "Borrow it rather than buy it."],
             2: ["Can't really recommend it.", "I expected more given the hype."],
             1: ["I gave up halfway through.", "Donated it after a few chapters."]},
    "game": {5: ["Already bought the expansion.", "Highly recommend for any game group."],
             4: ["Worth a spot on the shelf.", "Recommended."],
             3: ["Fine, but it rarely makes it to the table."],
             2: ["Probably trading it away."],
             1: ["Sold it after one play.", "Avoid."]},
}

CAVEAT = ["Only complaint: {m}.", "My one gripe is that {m}.", "Minor quibble: {m}.",
          "Docking a star because {m}."]

FEAT_POS_GOODS = ["Full marks for {f}.", "{F} turned out to be more useful than I expected.",
                  "Very pleased with {f}.", "Nice touch with {f}.", "{F} alone makes {this_noun} worth it.",
                  "Big fan of {f}."]
FEAT_NEG_GOODS = ["{F} could use some work.", "Not impressed with {f}.", "I expected more from {f}.",
                  "{F} didn't live up to the description."]
FEAT_POS_MEDIA = ["I especially loved {f}.", "{F} really stood out for me.", "Special mention for {f}.",
                  "{F} alone makes {this_noun} worth it."]
FEAT_NEG_MEDIA = ["{F} didn't work for me.", "I wasn't a fan of {f}.", "{F} felt underdeveloped."]

CONTRAST_AFTER_POS = ["However, {n}", "Unfortunately, {n}", "That said, {n}", "On the downside, {n}"]
CONTRAST_AFTER_NEG = ["On the plus side, {p}", "To be fair, {p}", "That said, {p}"]

ZH = dict(
    open5=["非常满意！", "强烈推荐！", "超出预期。", "真的很棒。"],
    close5=["下次还会回购。", "已经推荐给朋友了。", "五星好评。"],
    open4=["整体不错。", "挺满意的。"],
    minor=["唯一的小缺点是价格稍微贵了点。", "美中不足的是包装有点简陋。", "就是发货慢了一点。",
           "小问题有一些，但可以接受。"],
    close4=["总体推荐。", "值得一买。"],
    open3=["中规中矩吧。", "一般般，没有特别惊喜。", "还可以，但没有想象中好。"],
    close3=["打折的时候买还行。", "说不上好也说不上坏。"],
    open2=["不太满意。", "有点失望。"],
    close2=["不会再买了。", "不太推荐。"],
    open1=["非常失望。", "很差的一次购物体验。"],
    close1=["已经退货了。", "大家别踩坑。"],
    short={5: ["很好，推荐！", "物超所值。", "非常喜欢。"],
           4: ["不错，值得买。", "挺好的。"],
           3: ["还行吧。", "一般。"],
           2: ["不太好。", "有点失望。"],
           1: ["别买。", "很差。"]},
    contrast=["不过", "但是", "可惜"],
)


# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------

def cap(s):
    return s[:1].upper() + s[1:]


def lc(s):
    """Lower-case the first letter of a sentence unless it's 'I' or an acronym."""
    if not s:
        return s
    first = s.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or (len(first) > 1 and first[1].isupper()):
        return s
    return s[:1].lower() + s[1:]


def article(word):
    return "an" if word[:1].lower() in "aeiou" else "a"


def the_form(feature):
    for prefix in ("a ", "an ", "the "):
        if feature.startswith(prefix):
            return "the " + feature[len(prefix):]
    return "the " + feature


def price_str(p):
    return "%.2f" % p


# ---------------------------------------------------------------------------
# Item descriptions
# ---------------------------------------------------------------------------

OPENERS = [
    "The {title} {is} {a_adj}{noun} made for {use}.",
    "{A_adj_cap}, {adj2} {noun} for {use}, and just as good for {use2}.",
    "Designed with {aud} in mind, {this} {noun} {is} {adj} and {adj2}.",
    "{brand} built {this} {noun} for {use}: {adj}, {adj2}, and easy to live with.",
    "Looking for {a_noun} that can handle {use}? {This_one} {is} {adj} and {adj2}.",
    "Built for {use}, the {title} {is} {adj} without sacrificing {virtue}.",
    "Meet the {title}, {a_adj}{noun} that {takes} {use} in stride.",
    "Whether it's {use} or {use2}, the {title} {is} up to the job.",
    "Simple, {adj}, and made for {use}: that's the {title}.",
]
MIDDLES_2 = [
    "{It} {comes} with {f1} and {f2}.",
    "Thoughtful touches like {f1} and {f2} make everyday use easier.",
    "{F1} and {f2} set {them} apart from cheaper alternatives.",
    "Expect {f1}, plus {f2}.",
    "Small things are done right here, from {f1} to {f2}.",
    "{F1} and {f2} are the details you'll notice first.",
    "On the practical side, you get {f1} and {f2}.",
]
MIDDLES_3 = ["Highlights include {f1}, {f2}, and {f3}.",
             "{It} {combines} {f1}, {f2}, and {f3}."]
MIDDLES_1 = ["You also get {f1}, which comes in handy for {use2}.",
             "Another nice detail: {f1}.",
             "Also worth mentioning: {f1}."]
MIDDLES_MAT = ["Made from {material}, {it} {is} built to last.",
               "{It} {is} made from {material} and {feels} reassuringly solid."]
CLOSERS = ["A solid pick for {aud2}.", "Well suited to {aud2}.", "{extra}", "Popular with {aud2}.",
           "Recommended for {aud2}.", "A favorite among {aud2}.",
           "Great for {aud2} who want something {adj3}."]


def build_goods(rng, cat, typ, it, brand):
    noun = it["noun"] or typ["noun"]
    plural = typ["plural"] if it["plural"] is None else it["plural"]
    title = "%s %s" % (brand, it["name"])
    adjs = rng.sample(typ["adjs"] or cat["adjs"], 3)
    uses = rng.sample(it["uses"] or typ["uses"], 2)
    auds = it["aud"] or typ["aud"] or cat["audience"]
    aud, aud2 = rng.sample(auds, 2) if len(auds) > 1 else (auds[0], auds[0])
    feats = list(it["feats"])
    extra_feats = list(typ["features"])
    rng.shuffle(extra_feats)
    feats += extra_feats
    # the item's own features first (if any), then shared ones
    pool = feats[:]
    p = dict(
        title=title, brand=brand, noun=noun, aud=aud, aud2=aud2, use=uses[0], use2=uses[1],
        adj=adjs[0], adj2=adjs[1], adj3=adjs[2], virtue=rng.choice(cat["virtue"]),
        extra=rng.choice(cat["extras"]),
        a_adj=(adjs[0] + " ") if plural else "%s %s " % (article(adjs[0]), adjs[0]),
        is_="are" if plural else "is",
        It="They" if plural else "It", it="they" if plural else "it",
        them="them" if plural else "it",
        this="these" if plural else "this",
        This_one="These" if plural else "This one",
        comes="come" if plural else "comes", feels="feel" if plural else "feels",
        takes="take" if plural else "takes", combines="combine" if plural else "combines",
        a_noun=noun if plural else "%s %s" % (article(noun), noun),
    )
    p["A_adj_cap"] = cap(adjs[0]) if plural else cap(article(adjs[0])) + " " + adjs[0]
    p["is"] = p.pop("is_")

    def fill(t):
        return t.format(**p)

    opener = rng.choice(OPENERS)
    sentences = [fill(opener)]
    used = []
    n_mid = rng.choice([1, 1, 2, 2, 2]) if len(pool) >= 3 else 1
    done = set()
    for _ in range(n_mid):
        options = []
        if len(pool) >= 3:
            options += MIDDLES_3 * 1
        if len(pool) >= 2:
            options += MIDDLES_2 * 2
        if len(pool) >= 1:
            options += MIDDLES_1
        if typ["materials"] and "material" not in p:
            options += MIDDLES_MAT
        options = [t for t in options if t not in done
                   and not ("{use2}" in t and "{use2}" in opener)]
        if not options:
            break
        t = rng.choice(options)
        done.add(t)
        if "{material}" in t:
            p["material"] = rng.choice(typ["materials"])
        k = len(re.findall(r"\{[fF]\d\}", t))
        chosen = pool[:k]
        del pool[:k]
        used += chosen
        for i, f in enumerate(chosen, 1):
            p["f%d" % i] = f
            p["F%d" % i] = cap(f)
        sentences.append(fill(t))
    n_sent = len(sentences) + opener.count("?")
    if n_sent < 3 or (n_sent < 4 and rng.random() < 0.5):
        closers = CLOSERS if len(aud2.split()) <= 3 else CLOSERS[:-1]
        sentences.append(fill(rng.choice(closers)))
    desc = " ".join(sentences)
    return dict(title=title, description=desc, noun=noun, plural=plural,
                features=[the_form(f) for f in used] or [the_form(f) for f in feats[:2]],
                zh=it["zh"] or typ["zh"], m=it["m"] or typ["m"], type=typ)


GAME_OPEN = [
    "{name} is {a_label} game for {players} in which {theme}.",
    "In {name}, {theme}.",
    "{name} is {a_adj} {label} game where {theme}.",
]
GAME_TIME = ["A typical {unit} takes {time}.", "Expect {time} per {unit}.",
             "It plays {players} in {time}."]
GAME_AUD = ["A great fit for {aud}.", "{Aud} will find a lot to love here.", "Recommended for {aud}."]


def build_game(rng, g):
    name, mech_key, tags, price, players, time, theme = g
    mech = MECHANICS[mech_key]
    adj = rng.choice(GAMES_CAT["adjs"])
    aud = rng.choice(mech["audience"])
    p = dict(name=name, label=mech["label"], players=players, theme=theme, time=time,
             unit="session" if mech_key == "legacy" else "game",
             a_label="%s %s" % (article(mech["label"]), mech["label"]),
             a_adj="%s %s" % (article(adj), adj), aud=aud, Aud=cap(aud))
    opener = rng.choice(GAME_OPEN)
    s = [opener.format(**p)]
    if "{players}" not in opener:
        s.append(rng.choice(GAME_TIME).format(**p))
        t_done = True
    else:
        t_done = False
    s.append(rng.choice(mech["pitch"]))
    if not t_done:
        s.append(rng.choice(GAME_TIME[:2]).format(**p))
    if len(s) < 4 and rng.random() < 0.6:
        s.append(rng.choice(GAME_AUD).format(**p))
    typ = dict(noun="game", zh="桌游", m="款", good=mech["good"], bad=mech["bad"], plural=False)
    return dict(title=name, description=" ".join(s), noun="game", plural=False,
                features=list(mech["features"]), zh="桌游", m="款", type=typ,
                tags=tags, price=price)


BOOK_AUTHOR = {
    "novel": ["This is the debut novel from {author}.", "A standalone novel by {author}.",
              "The third novel from {author}, and the most ambitious yet.",
              "Written by {author}, it runs to around {pages} pages."],
    "collection": ["A collection of short fiction by {author}.",
                   "{author}'s first collection gathers stories written over a decade."],
    "anthology": ["Edited by {author}, with contributions from both new and established writers."],
}


def build_book(rng, b):
    title, author, sub, form, price, premise = b
    sg = SUBGENRES[sub]
    p = dict(author=author, pages=rng.randrange(240, 520, 8))
    s = [premise]
    if rng.random() < 0.85:
        s.append(rng.choice(sg["pitch"]))
    s.append(rng.choice(BOOK_AUTHOR[form]).format(**p))
    if rng.random() < 0.55:
        s.append("Recommended for readers who enjoy %s." % sg["fans"])
    tags = "sci-fi|%s|%s" % (sub, {"novel": "novel", "collection": "short-stories",
                                   "anthology": "anthology"}[form])
    if sub == "short-stories":
        tags = "sci-fi|short-stories|%s" % form
    typ = dict(noun="book", zh="书", m="本", good=sg["good"], bad=sg["bad"], plural=False)
    return dict(title=title, description=" ".join(s), noun="book", plural=False,
                features=list(sg["features"]), zh="书", m="本", type=typ,
                tags=tags, price=price)


def build_items(rng):
    items = []
    for cat in CATEGORIES:
        rows = []
        if cat["kind"] == "goods":
            for typ in cat["types"]:
                for it in typ["items"]:
                    brand = rng.choice(cat["brands"])
                    d = build_goods(rng, cat, typ, it, brand)
                    d["tags"] = it["tags"]
                    d["price"] = it["price"]
                    rows.append(d)
        elif cat["kind"] == "game":
            rows = [build_game(rng, g) for g in GAMES]
        else:
            rows = [build_book(rng, b) for b in BOOKS]
        # price-band tags relative to the category
        prices = sorted(r["price"] for r in rows)
        lo = prices[len(prices) // 4]
        hi = prices[(len(prices) * 4) // 5]
        for r in rows:
            tags = r["tags"].split("|")
            if r["price"] <= lo and len(tags) < 5 and rng.random() < 0.7:
                tags.append("budget")
            elif r["price"] >= hi and len(tags) < 5 and rng.random() < 0.7:
                tags.append("premium")
            r["tags"] = "|".join(tags)
        order = list(range(len(rows)))
        rng.shuffle(order)
        for n, idx in enumerate(order, 1):
            r = rows[idx]
            r["item_id"] = "%s-%03d" % (cat["key"], n)
            r["category"] = cat["name"]
            r["cat"] = cat["key"]
            r["quality"] = max(-1.8, min(0.9, rng.gauss(0.0, 0.65)))
            r["popularity"] = rng.lognormvariate(0.0, 0.6)
            items.append(r)
    items.sort(key=lambda r: r["item_id"])
    return items


# ---------------------------------------------------------------------------
# Review text
# ---------------------------------------------------------------------------

def this_noun(item):
    return ("these " if item["plural"] else "this ") + item["noun"]


def en_review(rng, item, rating):
    cat = CAT_BY_KEY[item["cat"]]
    kind = cat["kind"]
    typ = item["type"]
    if rng.random() < 0.07:
        return rng.choice(SHORT[kind][rating])
    used = set()

    used_feats = set()

    def feature_line(positive):
        fresh = [f for f in item["features"] if f not in used_feats] or item["features"]
        f = rng.choice(fresh)
        used_feats.add(f)
        if kind == "goods":
            bank = FEAT_POS_GOODS if positive else FEAT_NEG_GOODS
        else:
            bank = FEAT_POS_MEDIA if positive else FEAT_NEG_MEDIA
        return rng.choice(bank).format(f=f, F=cap(f), this_noun=this_noun(item))

    def pick(positive):
        for _ in range(20):
            r = rng.random()
            if r < 0.45:
                s = rng.choice(typ["good"] if positive else typ["bad"])
            elif r < 0.75:
                s = rng.choice(cat["pos"] if positive else cat["neg"])
            else:
                s = feature_line(positive)
            if s not in used:
                used.add(s)
                return s
        return s

    n = rng.choice([1, 2, 2, 2, 3, 3])
    pre, core, post = [], [], []
    if rating == 5:
        core = [pick(True)]
        extras = [("core", lambda: pick(True)), ("pre", lambda: rng.choice(OPEN[kind][5])),
                  ("post", lambda: rng.choice(CLOSE[kind][5]))]
    elif rating == 4:
        core = [pick(True)]
        extras = [("core", lambda: pick(True)),
                  ("post", lambda: rng.choice(CAVEAT).format(m=rng.choice(cat["minor"]))),
                  ("post", lambda: rng.choice(CLOSE[kind][4])),
                  ("pre", lambda: rng.choice(OPEN[kind][4]))]
    elif rating == 3:
        if rng.random() < 0.6:
            core = [pick(True), rng.choice(CONTRAST_AFTER_POS).format(n=lc(pick(False)))]
        else:
            core = [pick(False), rng.choice(CONTRAST_AFTER_NEG).format(p=lc(pick(True)))]
        n = max(n, 2)
        extras = [("pre", lambda: rng.choice(OPEN[kind][3])),
                  ("post", lambda: rng.choice(CLOSE[kind][3]))]
    else:
        core = [pick(False)]
        extras = [("core", lambda: pick(False)),
                  ("pre", lambda: rng.choice(OPEN[kind][rating])),
                  ("post", lambda: rng.choice(CLOSE[kind][rating]))]
        if rating == 2:
            extras.append(("post", lambda: rng.choice(CONTRAST_AFTER_NEG).format(p=lc(pick(True)))))
    context = []
    if n >= 2 and rng.random() < 0.35:
        context = [rng.choice(cat["context"])]
    rng.shuffle(extras)
    while len(pre) + len(context) + len(core) + len(post) < n and extras:
        where, fn = extras.pop()
        s = fn()
        if where == "pre" and not pre:
            pre.append(s)
        elif where == "post" and not post:
            post.append(s)
        elif where == "core":
            core.append(s)
    return " ".join(pre + context + core + post)


def zh_review(rng, item, rating):
    cat = CAT_BY_KEY[item["cat"]]
    zn = "这%s%s" % (item["m"], item["zh"])
    if rng.random() < 0.08:
        return rng.choice(ZH["short"][rating])

    def z(bank, used=set()):
        for _ in range(10):
            s = rng.choice(bank).replace("{zn}", zn)
            if s not in used:
                break
        used.add(s)
        return s

    used = set()
    pos = lambda: z(cat["zh_pos"], used)
    neg = lambda: z(cat["zh_neg"], used)
    parts = []
    if rng.random() < 0.3:
        parts.append(rng.choice(cat["zh_ctx"]))
    if rating == 5:
        if rng.random() < 0.5:
            parts.insert(0, rng.choice(ZH["open5"]))
        parts.append(pos())
        if rng.random() < 0.5:
            parts.append(pos())
        if rng.random() < 0.4:
            parts.append(rng.choice(ZH["close5"]))
    elif rating == 4:
        if rng.random() < 0.3:
            parts.insert(0, rng.choice(ZH["open4"]))
        parts.append(pos())
        r = rng.random()
        if r < 0.45:
            parts.append(rng.choice(ZH["minor"]))
        elif r < 0.7:
            parts.append(rng.choice(ZH["close4"]))
    elif rating == 3:
        if rng.random() < 0.5:
            parts.insert(0, rng.choice(ZH["open3"]))
        parts.append(pos() + rng.choice(ZH["contrast"]) + neg())
        if rng.random() < 0.3:
            parts.append(rng.choice(ZH["close3"]))
    else:
        key = "open%d" % rating
        if rng.random() < 0.5:
            parts.insert(0, rng.choice(ZH[key]))
        parts.append(neg())
        if rng.random() < 0.4:
            parts.append(neg())
        if rng.random() < 0.5:
            parts.append(rng.choice(ZH["close%d" % rating]))
    return "".join(parts)


# ---------------------------------------------------------------------------
# Users
# ---------------------------------------------------------------------------

# Users whose interests move from category A to category B halfway through.
SHIFTERS = [
    ("alice", "run", "gar"), ("bo.chen", "brd", "cof"), ("marco", "hik", "pho"),
    ("priya", "sfb", "brd"), ("jonas", "kit", "run"), ("sofia.r", "pho", "kit"),
    ("kenji", "cof", "hik"), ("nadia", "gar", "sfb"), ("tomasz", "brd", "hik"),
    ("grace.h", "hik", "run"), ("diego", "sfb", "pho"), ("zhang.hao", "cof", "pho"),
]

# Users who write in Simplified Chinese: share of their reviews in Chinese.
CHINESE = {"wei": 1.0, "li.na": 1.0, "zhang.hao": 0.9, "xiaoyu": 1.0, "chen.jing": 0.9,
           "lin.mei": 0.5, "yang.fan": 0.5, "hui.min": 0.4}
CHINESE_FAVS = {"wei": ["cof", "kit"], "li.na": ["run", "pho"], "xiaoyu": ["sfb", "brd"],
                "chen.jing": ["gar"], "lin.mei": ["kit", "cof"], "yang.fan": ["hik", "pho"],
                "hui.min": ["brd", "run"]}

OTHER_USERS = ["amara", "liam.o", "hannah", "omar", "yuki", "felix", "chloe", "ravi", "ingrid",
               "mateo", "zoe.k", "samir", "elena", "noah.b", "fatima", "oskar", "lucia",
               "dev.patel", "maya", "henrik", "aisha", "ben.t", "carmen", "theo", "rosa", "ivan",
               "leila", "jack.m", "nina", "paulo", "sara.l", "kofi", "mia", "arjun", "clara",
               "ethan", "rachel.g", "tariq", "greta", "sam.w", "olivia"]

CAT_KEYS = [c["key"] for c in CATEGORIES]


def build_users(rng):
    users = []
    for uid, a, b in SHIFTERS:
        users.append(dict(id=uid, shift=(a, b), favs=[a], n=rng.randint(16, 30)))
    for uid, favs in CHINESE_FAVS.items():
        users.append(dict(id=uid, shift=None, favs=favs, n=rng.randint(12, 24)))
    for uid in OTHER_USERS:
        k = rng.choice([1, 2, 2, 2, 3])
        users.append(dict(id=uid, shift=None, favs=rng.sample(CAT_KEYS, k), n=rng.randint(5, 30)))
    # keep the total near 1000 reviews by nudging the ordinary users' counts
    ordinary = [u for u in users if u["id"] in OTHER_USERS]
    while sum(u["n"] for u in users) > 1050:
        u = rng.choice(ordinary)
        u["n"] = max(5, u["n"] - 1)
    while sum(u["n"] for u in users) < 950:
        u = rng.choice(ordinary)
        u["n"] = min(30, u["n"] + 1)
    for u in users:
        u["zh_share"] = CHINESE.get(u["id"], 0.0)
        u["bias"] = rng.gauss(0.0, 0.35)
    return users


def review_dates(rng, u):
    total_days = (DATE_MAX - DATE_MIN).days
    if u["shift"]:
        span = rng.randint(480, total_days)
    else:
        span = rng.randint(max(60, u["n"] * 6), total_days)
    start = rng.randint(0, total_days - span)
    days = sorted(rng.sample(range(start, start + span + 1), u["n"]))
    return [DATE_MIN + dt.timedelta(days=d) for d in days]


def pick_category(rng, u, idx):
    if u["shift"]:
        a, b = u["shift"]
        main = a if idx < u["n"] / 2 else b
        if rng.random() < 0.9:
            return main
        return rng.choice([k for k in CAT_KEYS if k not in (a, b)])
    if rng.random() < 0.85:
        return rng.choice(u["favs"])
    return rng.choice([k for k in CAT_KEYS if k not in u["favs"]])


def weighted_pick(rng, candidates):
    total = sum(c["popularity"] for c in candidates)
    x = rng.random() * total
    for c in candidates:
        x -= c["popularity"]
        if x <= 0:
            return c
    return candidates[-1]


def build_reviews(rng, items, users):
    by_cat = defaultdict(list)
    for it in items:
        by_cat[it["cat"]].append(it)
    rows = []
    for u in users:
        seen = set()
        dates = review_dates(rng, u)
        for idx, date in enumerate(dates):
            cat = pick_category(rng, u, idx)
            cands = [it for it in by_cat[cat] if it["item_id"] not in seen]
            while not cands:  # a devoted fan has reviewed the whole category
                cat = rng.choice(CAT_KEYS)
                cands = [it for it in by_cat[cat] if it["item_id"] not in seen]
            item = weighted_pick(rng, cands)
            seen.add(item["item_id"])
            score = 3.85 + item["quality"] + u["bias"] + rng.gauss(0.0, 0.85)
            if cat in u["favs"] or (u["shift"] and cat in u["shift"]):
                score += 0.15
            rating = int(max(1, min(5, round(score))))
            if rng.random() < u["zh_share"]:
                text, lang = zh_review(rng, item, rating), "zh"
            else:
                text, lang = en_review(rng, item, rating), "en"
            rows.append(dict(user_id=u["id"], item_id=item["item_id"], text=text,
                             rating=rating, time=date.isoformat(), lang=lang))
    return rows


# ---------------------------------------------------------------------------
# Output and checks
# ---------------------------------------------------------------------------

def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r[h] for h in header])


def check(items, reviews, users):
    ids = {it["item_id"] for it in items}
    assert len(ids) == len(items)
    assert len({it["title"] for it in items}) == len(items), "duplicate titles"
    for it in items:
        tags = it["tags"].split("|")
        assert 2 <= len(tags) <= 5 and all(t == t.lower() and t for t in tags), it
    pairs = set()
    last = {}
    per_user = Counter()
    for r in reviews:
        assert r["item_id"] in ids
        key = (r["user_id"], r["item_id"])
        assert key not in pairs, key
        pairs.add(key)
        assert last.get(r["user_id"], "") < r["time"], r
        last[r["user_id"]] = r["time"]
        assert "2023-01-01" <= r["time"] <= "2024-12-31"
        assert 1 <= r["rating"] <= 5
        per_user[r["user_id"]] += 1
    assert all(5 <= c <= 30 for c in per_user.values()), per_user


def main():
    rng = random.Random(SEED)
    items = build_items(rng)
    users = build_users(rng)
    reviews = build_reviews(rng, items, users)
    check(items, reviews, users)

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write_csv(OUT_DIR / "items.csv",
              ["item_id", "title", "description", "tags", "category", "price"],
              [dict(r, price=price_str(r["price"])) for r in items])
    write_csv(OUT_DIR / "reviews.csv",
              ["user_id", "item_id", "text", "rating", "time"], reviews)

    zh_rows = [r for r in reviews if r["lang"] == "zh"]
    reviewed = {r["item_id"] for r in reviews}
    zh_users = sorted({r["user_id"] for r in zh_rows})
    out = sys.stdout
    print("items:            %d" % len(items), file=out)
    print("categories:       %d (%s)" % (len(CATEGORIES), ", ".join(c["name"] for c in CATEGORIES)), file=out)
    print("users:            %d" % len({r['user_id'] for r in reviews}), file=out)
    print("reviews:          %d" % len(reviews), file=out)
    print("chinese reviews:  %d (%.1f%%)" % (len(zh_rows), 100.0 * len(zh_rows) / len(reviews)), file=out)
    print("chinese writers:  %s" % ", ".join(zh_users), file=out)
    print("shifting users:   %d (%s)" % (len(SHIFTERS), ", ".join(
        "%s %s->%s" % (u, a, b) for u, a, b in SHIFTERS)), file=out)
    print("items reviewed:   %d of %d" % (len(reviewed), len(items)), file=out)
    print("ratings:          %s" % dict(sorted(Counter(r["rating"] for r in reviews).items())), file=out)
    per_user = Counter(r["user_id"] for r in reviews)
    print("reviews per user: min %d, max %d" % (min(per_user.values()), max(per_user.values())), file=out)


if __name__ == "__main__":
    main()
