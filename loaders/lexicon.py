"""Built-in domain vocabulary for document extraction: general knowledge, not facts about any document.

The extractor resolves names against the store's entities first; this
vocabulary is what it knows with an empty store: countries and their
demonyms, regions, US states, the chemical elements of the chain, the
materials and end uses of the rare-earth chain, and, as data files with
their criterion and source (``knowledge/*.yaml``), the traded forms of every
commodity and the sector's end uses, the sector's companies and government
bodies, and the organisations that are never supply-chain parties (data
providers, news outlets, banks, exchanges). The cue words that decide the
label of a name the graph does not know yet are :mod:`.namewords`'s.

Each entry is ``(id, label, name, aliases, properties)``; ids follow the
ontology (``country:CN``, ``element:Dy``, ``material:ndfeb-magnet``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# The words that shape a name the graph does not know (its own module, :mod:`.namewords`); the extraction reads
# them as this module's, as before they had one (``x as x``: re-exported).
from .namewords import GENERIC_MODIFIERS as GENERIC_MODIFIERS, GIVEN_NAMES as GIVEN_NAMES, LABEL_CUES as LABEL_CUES
from .namewords import LEGAL_PREFIXES as LEGAL_PREFIXES, LEGAL_SUFFIXES as LEGAL_SUFFIXES
from .namewords import LOWER_CASE_SUFFIXES as LOWER_CASE_SUFFIXES, MONTH_ABBREVIATIONS as MONTH_ABBREVIATIONS
from .namewords import MONTHS as MONTHS, NOT_PARTY_ANYWHERE as NOT_PARTY_ANYWHERE, NOT_PARTY_WORDS as NOT_PARTY_WORDS
from .namewords import PERSON_TITLES as PERSON_TITLES

Entry = tuple[str, str, str, tuple[str, ...], dict]

# name, ISO code, aliases (other names and demonyms)
COUNTRIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("China", "CN", ("People's Republic of China", "PRC", "Mainland China", "Chinese", "中国", "中华人民共和国")),
    ("United States", "US", ("United States of America", "USA", "U.S.", "US", "U.S.A.", "America", "American", "Washington", "Washington DC", "Washington, D.C.")),
    ("Australia", "AU", ("Australian",)),
    ("Myanmar", "MM", ("Burma", "Burmese", "缅甸")),
    ("Japan", "JP", ("Japanese", "日本")),
    ("South Korea", "KR", ("Korea", "Republic of Korea", "Korean", "South Korean")),
    ("Germany", "DE", ("German", "Federal Republic of Germany")),
    ("France", "FR", ("French",)),
    ("Estonia", "EE", ("Estonian",)),
    ("United Kingdom", "GB", ("UK", "U.K.", "Britain", "Great Britain", "British")),
    ("Canada", "CA", ("Canadian",)),
    ("Brazil", "BR", ("Brazilian",)),
    ("India", "IN", ("Indian",)),
    ("Russia", "RU", ("Russian Federation", "Russian")),
    ("Vietnam", "VN", ("Viet Nam", "Vietnamese")),
    ("Malaysia", "MY", ("Malaysian",)),
    ("Thailand", "TH", ("Thai",)),
    ("Laos", "LA", ("Lao PDR",)),
    ("Madagascar", "MG", ("Malagasy",)),
    ("Greenland", "GL", ("Greenlandic",)),
    ("Denmark", "DK", ("Danish",)),
    ("Norway", "NO", ("Norwegian",)),
    ("Sweden", "SE", ("Swedish",)),
    ("Finland", "FI", ("Finnish",)),
    ("Belgium", "BE", ("Belgian",)),
    ("Netherlands", "NL", ("Dutch", "the Netherlands")),
    ("Austria", "AT", ("Austrian",)),
    ("Switzerland", "CH", ("Swiss",)),
    ("Italy", "IT", ("Italian",)),
    ("Spain", "ES", ("Spanish",)),
    ("Poland", "PL", ("Polish",)),
    ("Czech Republic", "CZ", ("Czechia", "Czech")),
    ("Slovenia", "SI", ("Slovenian",)),
    ("Kazakhstan", "KZ", ("Kazakh",)),
    ("Mongolia", "MN", ("Mongolian",)),
    ("Philippines", "PH", ("Philippine", "Filipino")),
    ("Indonesia", "ID", ("Indonesian",)),
    ("Singapore", "SG", ("Singaporean",)),
    ("Taiwan", "TW", ("Taiwanese",)),
    ("South Africa", "ZA", ("South African",)),
    ("Tanzania", "TZ", ("Tanzanian",)),
    ("Kenya", "KE", ("Kenyan",)),
    ("Malawi", "MW", ("Malawian",)),
    ("Burundi", "BI", ("Burundian",)),
    ("Nigeria", "NG", ("Nigerian",)),
    ("Namibia", "NA", ("Namibian",)),
    ("Angola", "AO", ("Angolan",)),
    ("Uganda", "UG", ("Ugandan",)),
    ("Mexico", "MX", ("Mexican",)),
    ("Chile", "CL", ("Chilean",)),
    ("Argentina", "AR", ("Argentine", "Argentinian")),
    ("Peru", "PE", ("Peruvian",)),
    ("Saudi Arabia", "SA", ("Saudi",)),
    ("United Arab Emirates", "AE", ("UAE", "Emirati")),
    ("Turkey", "TR", ("Türkiye", "Turkish")),
    ("Ukraine", "UA", ("Ukrainian",)),
    ("Israel", "IL", ("Israeli",)),
    ("Portugal", "PT", ("Portuguese",)), ("Ireland", "IE", ("Irish",)), ("Greece", "GR", ("Greek",)),
    ("Hungary", "HU", ("Hungarian",)), ("Romania", "RO", ("Romanian",)), ("Bulgaria", "BG", ("Bulgarian",)),
    ("Slovakia", "SK", ("Slovak",)), ("Croatia", "HR", ("Croatian",)), ("Serbia", "RS", ("Serbian",)),
    ("Latvia", "LV", ("Latvian",)), ("Lithuania", "LT", ("Lithuanian",)), ("Luxembourg", "LU", ("Luxembourgish",)),
    ("Iceland", "IS", ("Icelandic",)), ("New Zealand", "NZ", ("New Zealander",)), ("Pakistan", "PK", ("Pakistani",)),
    ("Bangladesh", "BD", ("Bangladeshi",)), ("Sri Lanka", "LK", ("Sri Lankan",)), ("Egypt", "EG", ("Egyptian",)),
    ("Morocco", "MA", ("Moroccan",)), ("Algeria", "DZ", ("Algerian",)), ("Ghana", "GH", ("Ghanaian",)),
    ("Democratic Republic of the Congo", "CD", ("DRC", "DR Congo", "Congo", "Congolese", "Democratic Republic of Congo")), ("Zambia", "ZM", ("Zambian",)),
    ("Zimbabwe", "ZW", ("Zimbabwean",)), ("Mozambique", "MZ", ("Mozambican",)), ("Rwanda", "RW", ("Rwandan",)),
    ("Gabon", "GA", ("Gabonese",)), ("Guinea", "GN", ("Guinean",)), ("Mali", "ML", ("Malian",)),
    ("Ethiopia", "ET", ("Ethiopian",)), ("Colombia", "CO", ("Colombian",)), ("Bolivia", "BO", ("Bolivian",)),
    ("Ecuador", "EC", ("Ecuadorian",)), ("Venezuela", "VE", ("Venezuelan",)), ("Iran", "IR", ("Iranian",)),
    ("Qatar", "QA", ("Qatari",)), ("Oman", "OM", ("Omani",)), ("Uzbekistan", "UZ", ("Uzbek",)),
    ("North Korea", "KP", ("North Korean", "DPRK")), ("Cambodia", "KH", ("Cambodian",)),
    ("Papua New Guinea", "PG", ("Papua New Guinean",)), ("Jordan", "JO", ("Jordanian",)), ("Senegal", "SN", ("Senegalese",)),
    ("Botswana", "BW", ()), ("Cameroon", "CM", ("Cameroonian",)), ("Sierra Leone", "SL", ()), ("Liberia", "LR", ()),
    ("Côte d'Ivoire", "CI", ("Ivory Coast",)), ("Burkina Faso", "BF", ()), ("Niger", "NE", ()), ("Sudan", "SD", ()),
    ("Tunisia", "TN", ("Tunisian",)), ("Libya", "LY", ("Libyan",)), ("Uruguay", "UY", ("Uruguayan",)),
    ("Paraguay", "PY", ("Paraguayan",)), ("Guyana", "GY", ()), ("Suriname", "SR", ()), ("Panama", "PA", ()),
    ("Cuba", "CU", ("Cuban",)), ("Dominican Republic", "DO", ()), ("Jamaica", "JM", ()), ("Cyprus", "CY", ()),
    ("Malta", "MT", ()), ("Albania", "AL", ()), ("North Macedonia", "MK", ()), ("Bosnia and Herzegovina", "BA", ("Bosnia",)),
    ("Montenegro", "ME", ()), ("Moldova", "MD", ()), ("Belarus", "BY", ("Belarusian",)), ("Armenia", "AM", ()),
    ("Azerbaijan", "AZ", ()), ("Kyrgyzstan", "KG", ()), ("Tajikistan", "TJ", ()), ("Turkmenistan", "TM", ()),
    ("Afghanistan", "AF", ("Afghan",)), ("Nepal", "NP", ()), ("Brunei", "BN", ()), ("Kuwait", "KW", ()),
    ("Bahrain", "BH", ()), ("Iraq", "IQ", ("Iraqi",)), ("Syria", "SY", ()), ("Lebanon", "LB", ()), ("Fiji", "FJ", ()),
    ("Eritrea", "ER", ()), ("Republic of the Congo", "CG", ("Congo-Brazzaville",)),
)

# States, provinces and territories of producing countries (name, ISO code of the country, aliases)
PROVINCES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Western Australia", "AU", ()), ("New South Wales", "AU", ("NSW",)), ("Queensland", "AU", ()),
    ("Victoria", "AU", ()), ("South Australia", "AU", ()), ("Tasmania", "AU", ()), ("Northern Territory", "AU", ()),
    ("Quebec", "CA", ("Québec",)), ("Ontario", "CA", ()), ("British Columbia", "CA", ()), ("Alberta", "CA", ()),
    ("Saskatchewan", "CA", ()), ("Manitoba", "CA", ()), ("New Brunswick", "CA", ()), ("Nova Scotia", "CA", ()),
    ("Newfoundland and Labrador", "CA", ("Newfoundland", "Labrador")), ("Yukon", "CA", ()), ("Nunavut", "CA", ()),
    ("Northwest Territories", "CA", ()), ("Odisha", "IN", ("Orissa",)), ("Kerala", "IN", ()),
    ("Andhra Pradesh", "IN", ()), ("Tamil Nadu", "IN", ()), ("Gujarat", "IN", ()), ("Jharkhand", "IN", ()),
    ("Rajasthan", "IN", ()), ("Maharashtra", "IN", ()), ("Karnataka", "IN", ()), ("New Caledonia", "FR", ()),
    ("Katanga", "CD", ()), ("Lualaba", "CD", ()), ("Haut-Katanga", "CD", ()), ("Sulawesi", "ID", ()),
    ("Central Sulawesi", "ID", ()), ("South Sulawesi", "ID", ()), ("Halmahera", "ID", ()), ("Kalimantan", "ID", ()),
    ("Minas Gerais", "BR", ()), ("Goiás", "BR", ("Goias",)), ("Mindanao", "PH", ()),
)

US_STATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Alabama", ("Ala.",)), ("Alaska", ()), ("Arizona", ("Ariz.",)), ("Arkansas", ("Ark.",)),
    ("California", ("Calif.",)), ("Colorado", ("Colo.",)), ("Connecticut", ("Conn.",)), ("Delaware", ("Del.",)),
    ("Florida", ("Fla.",)), ("Georgia", ("Ga.",)), ("Hawaii", ()), ("Idaho", ()), ("Illinois", ("Ill.",)),
    ("Indiana", ("Ind.",)), ("Iowa", ()), ("Kansas", ("Kan.",)), ("Kentucky", ("Ky.",)), ("Louisiana", ("La.",)),
    ("Maine", ()), ("Maryland", ("Md.",)), ("Massachusetts", ("Mass.",)), ("Michigan", ("Mich.",)),
    ("Minnesota", ("Minn.",)), ("Mississippi", ("Miss.",)), ("Missouri", ("Mo.",)), ("Montana", ("Mont.",)),
    ("Nebraska", ("Neb.",)), ("Nevada", ("Nev.",)), ("New Hampshire", ("N.H.",)), ("New Jersey", ("N.J.",)),
    ("New Mexico", ("N.M.",)), ("New York", ("N.Y.",)), ("North Carolina", ("N.C.",)), ("North Dakota", ("N.D.",)),
    ("Ohio", ()), ("Oklahoma", ("Okla.",)), ("Oregon", ("Ore.",)), ("Pennsylvania", ("Pa.",)),
    ("Rhode Island", ("R.I.",)), ("South Carolina", ("S.C.",)), ("South Dakota", ("S.D.",)),
    ("Tennessee", ("Tenn.",)), ("Texas", ("Tex.",)), ("Utah", ()), ("Vermont", ("Vt.",)), ("Virginia", ("Va.",)),
    ("Washington State", ()), ("West Virginia", ("W.Va.",)), ("Wisconsin", ("Wis.",)), ("Wyoming", ("Wyo.",)),
)

CHINESE_PROVINCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Inner Mongolia", ("内蒙古",)), ("Jiangxi", ("江西",)), ("Guangdong", ("广东",)), ("Fujian", ("福建",)),
    ("Sichuan", ("四川",)), ("Shandong", ("山东",)), ("Jiangsu", ("江苏",)), ("Guangxi", ("广西",)),
    ("Hunan", ("湖南",)), ("Yunnan", ("云南",)), ("Zhejiang", ("浙江",)), ("Hebei", ("河北",)),
    ("Shanxi", ("山西",)), ("Shaanxi", ("陕西",)), ("Henan", ("河南",)), ("Hubei", ("湖北",)), ("Anhui", ("安徽",)),
    ("Liaoning", ("辽宁",)), ("Jilin", ("吉林",)), ("Heilongjiang", ("黑龙江",)), ("Xinjiang", ("新疆",)),
    ("Beijing", ("北京",)), ("Shanghai", ("上海",)), ("Tianjin", ("天津",)), ("Chongqing", ("重庆",)),
    ("Baotou", ("包头",)), ("Ganzhou", ("赣州",)), ("Bayan Obo", ("白云鄂博", "Bayan Obo deposit")),
)

# Regions that are neither countries nor places of the ontology: never entities.
REGIONS = (
    "Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Middle East", "Southeast Asia",
    "East Asia", "Oceania", "the West", "West", "Western", "Asia-Pacific", "Indo-Pacific", "Arctic", "Global South",
    "Nordic", "Nordics", "Scandinavia", "Scandinavian", "Baltic", "Baltics", "Balkans", "Central Asia", "South Asia",
    "Sub-Saharan Africa", "Caribbean", "Pacific",
    # parts of a continent that span several countries ("Three countries in East Africa"), and the oceans: a
    # Place of the ontology lies in one country (its `country` property; docs/annotation.md, session 13)
    "East Africa", "West Africa", "Southern Africa", "North Africa", "Central Africa", "Horn of Africa",
    "Western Europe", "Eastern Europe", "Central Europe", "Northern Europe", "Southern Europe",
    "Pacific Ocean", "Atlantic Ocean", "Indian Ocean", "Arctic Ocean", "Southern Ocean", "Atlantic",
    # their adjectives, which stand alone before a plural ("European magnet makers"): a region, never a firm
    "European", "Asian", "African", "North American", "South American", "Latin American", "Middle Eastern",
    "Southeast Asian", "East Asian", "Central Asian", "South Asian", "Balkan", "East African", "West African",
    "Southern African", "North African", "Western European", "Eastern European",
)

# symbol, name, group
ELEMENTS: tuple[tuple[str, str, str], ...] = (
    ("La", "Lanthanum", "light"), ("Ce", "Cerium", "light"), ("Pr", "Praseodymium", "light"),
    ("Nd", "Neodymium", "light"), ("Pm", "Promethium", "light"), ("Sm", "Samarium", "light"),
    ("Eu", "Europium", "light"), ("Gd", "Gadolinium", "heavy"), ("Tb", "Terbium", "heavy"),
    ("Dy", "Dysprosium", "heavy"), ("Ho", "Holmium", "heavy"), ("Er", "Erbium", "heavy"),
    ("Tm", "Thulium", "heavy"), ("Yb", "Ytterbium", "heavy"), ("Lu", "Lutetium", "heavy"),
    ("Y", "Yttrium", "heavy"), ("Sc", "Scandium", "other"), ("Co", "Cobalt", "other"), ("Fe", "Iron", "other"),
    ("B", "Boron", "other"), ("Ga", "Gallium", "other"), ("Ge", "Germanium", "other"), ("Sb", "Antimony", "other"),
    ("Nb", "Niobium", "other"), ("Li", "Lithium", "other"), ("Ni", "Nickel", "other"), ("W", "Tungsten", "other"),
    ("Th", "Thorium", "other"), ("U", "Uranium", "other"), ("Mn", "Manganese", "other"), ("Cu", "Copper", "other"),
    ("Sn", "Tin", "other"), ("Ta", "Tantalum", "other"), ("V", "Vanadium", "other"), ("Ti", "Titanium", "other"),
    ("Zr", "Zirconium", "other"), ("Mg", "Magnesium", "other"), ("Cr", "Chromium", "other"), ("In", "Indium", "other"),
    ("Pt", "Platinum", "other"), ("Pd", "Palladium", "other"), ("Bi", "Bismuth", "other"), ("Te", "Tellurium", "other"),
    ("Zn", "Zinc", "other"), ("Mo", "Molybdenum", "other"), ("Hf", "Hafnium", "other"), ("Be", "Beryllium", "other"),
    ("Si", "Silicon", "other"), ("Au", "Gold", "other"), ("Br", "Bromine", "other"), ("P", "Phosphorus", "other"),
    ("Ag", "Silver", "other"),
)

# slug, name, stage, elements, synonyms
MATERIALS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("rare-earth-ore", "rare earth ore", "mining", (), ("rare earth ore", "rare-earth ore", "rare earth ores")),
    ("rare-earth-concentrate", "rare earth concentrate", "mining", (),
     ("rare earth concentrate", "rare earth concentrates", "mineral concentrate", "bastnaesite concentrate",
      "bastnäsite concentrate", "monazite concentrate", "mixed rare earth concentrate")),
    ("heavy-rare-earth-concentrate", "heavy rare earth concentrate", "mining", (),
     ("heavy rare earth concentrate", "heavy rare earth concentrates", "heavy rare-earth concentrate")),
    ("mixed-rare-earth-carbonate", "mixed rare earth carbonate", "separation", (),
     ("mixed rare earth carbonate", "rare earth carbonate", "mixed rare earth carbonates", "MREC")),
    ("mixed-rare-earth-oxide", "mixed rare earth oxide", "separation", (),  # (not yet separated: a recycler's product)
     ("mixed rare earth oxide", "mixed rare earth oxides", "recycled mixed rare earth oxide")),
    ("separated-rare-earth-oxides", "separated rare earth oxides", "separation", (),
     ("separated rare earth oxides", "rare earth oxides", "rare earth oxide", "high-purity rare earth oxides",
      "separated oxides", "separated rare earths")),
    ("ndpr-oxide", "NdPr oxide", "separation", ("Nd", "Pr"),
     ("NdPr oxide", "PrNd oxide", "neodymium-praseodymium oxide", "didymium oxide")),
    ("neodymium-oxide", "neodymium oxide", "separation", ("Nd",), ("neodymium oxide",)),
    ("samarium-oxide", "samarium oxide", "separation", ("Sm",), ("samarium oxide",)),
    ("dysprosium-oxide", "dysprosium oxide", "separation", ("Dy",), ("dysprosium oxide",)),
    ("terbium-oxide", "terbium oxide", "separation", ("Tb",), ("terbium oxide",)),
    ("ndpr-metal", "NdPr metal", "metal", ("Nd", "Pr"), ("NdPr metal", "neodymium-praseodymium metal", "PrNd metal")),
    ("rare-earth-metals", "rare earth metals", "metal", (), ("rare earth metals", "rare earth metal")),
    ("rare-earth-alloys", "rare earth alloys", "alloy", (), ("rare earth alloys", "rare earth alloy")),
    ("ndfeb-alloy", "NdFeB alloy", "alloy", ("Nd", "Fe", "B"),
     ("NdFeB alloy", "NdFeB strip cast alloy", "strip cast alloy")),
    ("ndfeb-alloy-powder", "NdFeB alloy powder", "alloy", ("Nd", "Fe", "B"),
     ("NdFeB alloy powder", "NdFeB powder", "magnet powder", "magnet powders", "magnet alloy powder",
      "NdFeB magnet powder", "alloy powder")),
    ("samarium-cobalt-alloy", "samarium-cobalt alloy", "alloy", ("Sm", "Co"),
     ("samarium-cobalt alloy", "SmCo alloy", "samarium-cobalt")),
    ("ndfeb-magnet", "NdFeB magnet", "magnet", ("Nd", "Fe", "B"), ()),  # synonyms generated: see MAGNET_CORES
    ("samarium-cobalt-magnet", "samarium-cobalt magnet", "magnet", ("Sm", "Co"), ()),
    ("rare-earth-magnet", "rare earth magnet", "magnet", (), ("high-performance magnets",)),
    ("ferrite-magnet", "ferrite magnet", "magnet", (), ("ferrite magnet", "ferrite magnets", "ferrite permanent magnets")),
    ("recycled-magnet-feedstock", "recycled magnet feedstock", "component", (),
     ("recycled magnet material", "recycled magnet scrap", "magnet scrap", "end-of-life magnets",
      "end-of-life materials", "recycled magnets", "magnet swarf")),
)

# Other critical minerals of supply chains that rare-earth news discusses alongside (graphite, lithium, ...)
MINERALS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("graphite", "graphite", "mining", (), ("graphite", "natural graphite", "flake graphite", "natural flake graphite",
                                           "graphite concentrate", "graphite ore")),
    ("synthetic-graphite", "synthetic graphite", "separation", (), ("synthetic graphite", "artificial graphite")),
    ("spherical-graphite", "spherical graphite", "component", (),
     ("spherical graphite", "coated spherical graphite", "spheronised graphite", "spheronized graphite",
      "battery-grade graphite")),  # ("graphite anode material" is the anode material, made from it: session 16)
    ("anode-material", "anode material", "component", (),
     ("anode material", "anode materials", "active anode material", "battery anode material", "anode active material",
      "graphite anode material", "natural graphite anode material", "synthetic graphite anode material")),
    ("monazite", "monazite", "mining", (), ("monazite", "monazite sand", "monazite sands")),
    ("bastnaesite", "bastnaesite", "mining", (), ("bastnaesite", "bastnäsite", "bastnasite")),
    ("xenotime", "xenotime", "mining", (), ("xenotime",)),
    ("ionic-clay", "ionic clay", "mining", (), ("ionic clay", "ionic clays", "ion-adsorption clay", "ion-adsorption clays")),
    ("spodumene", "spodumene", "mining", (), ("spodumene", "spodumene concentrate")),
    ("mineral-sands", "mineral sands", "mining", (), ("mineral sands", "heavy mineral sands")),
    ("ilmenite", "ilmenite", "mining", ("Ti",), ("ilmenite", "ilmenite concentrate")),  # the minerals of the sands
    ("rutile", "rutile", "mining", ("Ti",), ("rutile",)),
    ("zircon", "zircon", "mining", ("Zr",), ("zircon",)),
    ("cathode-material", "cathode material", "component", (),
     ("cathode material", "cathode materials", "cathode active material", "cathode active materials", "cathode", "cathodes",
      "battery cathode materials")),
    ("lithium-iron-phosphate", "lithium iron phosphate cathode material", "component", ("Li", "Fe", "P"),
     ("lithium iron phosphate", "lithium iron phosphate cathode material", "LFP cathode material", "LFP")),
    ("cathode-precursor", "cathode precursor", "separation", (),
     ("cathode precursor", "cathode precursors", "precursor cathode active material", "pCAM")),
    ("superhard-materials", "superhard materials", "component", (), ("superhard materials", "superhard material")),
    # the chains critical-minerals news discusses beside rare earths: nickel, cobalt, lithium, tungsten, gallium, ...
    ("lithium-brine", "lithium brine", "mining", ("Li",), ("lithium brine", "lithium brines", "lithium-bearing brine", "brine", "brines")),
    ("nickel-laterite", "nickel laterite", "mining", ("Ni",), ("nickel laterite", "laterite ore", "nickel laterite ore")),
    ("nickel-pig-iron", "nickel pig iron", "metal", ("Ni", "Fe"), ("nickel pig iron", "NPI")),
    ("ferronickel", "ferronickel", "metal", ("Ni", "Fe"), ("ferronickel",)),
    ("nickel-matte", "nickel matte", "metal", ("Ni",), ("nickel matte",)),
    ("mixed-hydroxide-precipitate", "mixed hydroxide precipitate", "separation", ("Ni", "Co"),
     ("mixed hydroxide precipitate", "MHP")),
    ("stainless-steel", "stainless steel", "alloy", ("Fe", "Ni", "Cr"), ("stainless steel",)),
    ("coltan", "coltan", "mining", ("Nb", "Ta"), ("coltan",)),
    ("bauxite", "bauxite", "mining", (), ("bauxite",)),
    ("alumina", "alumina", "separation", (), ("alumina",)),
    ("fluorspar", "fluorspar", "mining", (), ("fluorspar", "fluorite")),
    ("ammonium-paratungstate", "ammonium paratungstate", "separation", ("W",), ("ammonium paratungstate", "APT")),
    ("wolframite-concentrate", "wolframite concentrate", "mining", ("W",), ("wolframite concentrate", "wolframite")),
    ("scheelite-concentrate", "scheelite concentrate", "mining", ("W",), ("scheelite concentrate", "scheelite")),
    ("antimony-trioxide", "antimony trioxide", "separation", ("Sb",), ("antimony trioxide",)),
    ("gallium-arsenide", "gallium arsenide", "component", ("Ga",), ("gallium arsenide", "GaAs")),
    ("gallium-nitride", "gallium nitride", "component", ("Ga",), ("gallium nitride", "GaN")),
    ("needle-coke", "needle coke", "separation", (), ("needle coke",)),
    ("rare-earth-chloride", "rare earth chloride", "separation", (), ("rare earth chloride", "rare earth chlorides")),
    ("antimony-trisulfide", "antimony trisulfide", "separation", ("Sb",), ("antimony trisulfide",)),
    ("sodium-antimonate", "sodium antimonate", "separation", ("Sb",), ("sodium antimonate",)),
    ("pyrochlore", "pyrochlore", "mining", ("Nb",), ("pyrochlore", "pyrochlore concentrate")),  # niobium's ore mineral
    ("ferroniobium", "ferroniobium", "alloy", ("Nb", "Fe"), ("ferroniobium", "ferro-niobium", "FeNb")),
    ("indium-tin-oxide", "indium tin oxide", "component", ("In", "Sn"), ("indium tin oxide", "ITO")),
    ("cadmium-telluride", "cadmium telluride", "component", ("Te",), ("cadmium telluride",)),
    ("indium-phosphide", "indium phosphide", "component", ("In",), ("indium phosphide",)),
    ("cemented-carbide", "cemented carbide", "component", ("W",), ("cemented carbide", "cemented carbides")),
    # feedstocks, by-products and intermediates of the same chains
    ("apatite", "apatite", "mining", ("P",), ("apatite",)),
    ("apatite-concentrate", "apatite concentrate", "mining", ("P",), ("apatite concentrate", "apatite concentrates")),
    ("phosphate-rock", "phosphate", "mining", ("P",), ("phosphate", "phosphate rock", "phosphates")),
    ("phosphogypsum", "phosphogypsum", "mining", (), ("phosphogypsum",)),
    ("eudialyte", "eudialyte", "mining", (), ("eudialyte",)),
    ("coal-fly-ash", "coal fly ash", "mining", (), ("coal fly ash", "fly ash")),
    ("petroleum-coke", "petroleum coke", "separation", (), ("petroleum coke", "pet coke")),
    ("soda-ash", "soda ash", "separation", (), ("soda ash",)),
    ("iron-ore-pellets", "iron ore pellets", "separation", ("Fe",), ("iron ore pellets", "iron ore pellet")),
    ("sponge-iron", "sponge iron", "metal", ("Fe",), ("sponge iron", "direct reduced iron", "DRI")),
    ("specialty-steel", "specialty steel", "alloy", ("Fe",), ("specialty steel", "speciality steel", "special steel")),
    ("titanium-dioxide", "titanium dioxide feedstock", "separation", ("Ti",),
     ("titanium dioxide feedstock", "titanium dioxide", "titanium slag", "TiO2")),
    ("titanium-pigment", "titanium pigment", "component", ("Ti",), ("titanium pigment", "titanium dioxide pigment")),
    ("expanded-graphite", "expanded graphite", "component", (), ("expanded graphite",)),
    ("graphite-electrode", "graphite electrode", "component", (), ("graphite electrode", "graphite electrodes")),
    ("germanium-wafer", "germanium wafer", "component", ("Ge",), ("germanium wafer", "germanium wafers")),
    # feedstocks and intermediates of the lithium, nickel and cobalt chains that a notice or a release names alone
    ("lepidolite", "lepidolite", "mining", ("Li",), ("lepidolite", "lepidolite ore")),
    ("kaolin", "kaolin", "mining", (), ("kaolin", "kaolin clay")),
    ("mixed-sulfide-precipitate", "mixed sulfide precipitate", "separation", ("Ni", "Co"),
     ("mixed sulfide precipitate", "mixed sulphide precipitate", "mixed sulfide", "mixed sulphide", "mixed sulfides",
      "mixed sulphides", "MSP")),
)
# "<element> oxide", "lithium ore", "tin concentrate": forms of the elements, with their stage
ELEMENT_FORMS = (("ore", "mining"), ("concentrate", "mining"), ("oxide", "separation"), ("carbonate", "separation"),
                 ("hydroxide", "separation"), ("chloride", "separation"), ("sulfate", "separation"),
                 ("phosphate", "separation"), ("metal", "metal"),
                 ("powder", "metal"), ("carbide", "alloy"), ("alloy", "alloy"), ("compound", "separation"), ("ingot", "metal"))
ELEMENT_SPELLINGS = {"Cr": ("chrome",)}
"""Other names of an element in its forms ("chrome metal" is "chromium metal")."""
FORM_ONLY_ELEMENTS = (("Pb", "lead", ()), ("Al", "aluminium", ("aluminum",)))
"""Metals named only in their forms ("lead concentrate", "aluminium ingot"): alone, "lead" is mostly a verb and
neither is an element the vocabulary tracks, so the forms carry no element."""
ELEMENT_ONLY_FORMS = (("cathode", "metal", ("Cu",)),)
"""Forms only some elements take ("copper cathode"; "high-nickel cathodes" are cathode material)."""

FORM_SPELLINGS = {"sulfate": ("sulphate",), "powder": ("metal powder",)}
"""Other spellings of a form, as synonyms of the element's form ("nickel sulphate", "cobalt metal powder")."""

MAGNET_CORES: dict[str, tuple[str, ...]] = {
    "ndfeb-magnet": ("NdFeB", "neodymium-iron-boron", "neodymium-iron-boron (NdFeB)", "neodymium iron boron",
                     "neodymium", "Nd-Fe-B", "NdFeB rare earth"),
    "samarium-cobalt-magnet": ("samarium-cobalt", "samarium-cobalt (SmCo)", "samarium cobalt", "SmCo"),
    "rare-earth-magnet": ("rare earth", "rare-earth", "rare earth permanent", "rare-earth permanent"),
}
MAGNET_MODIFIERS = ("", "sintered ", "bonded ", "high-performance ", "high-performance sintered ")
MAGNET_TAILS = ("magnet", "magnets", "permanent magnet", "permanent magnets", "magnet blocks", "magnet block")

# slug, name, sector, synonyms
END_USES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("ev-traction-motor", "EV traction motor", "automotive",
     ("EV traction motor", "EV traction motors", "traction motor", "traction motors", "EV motor", "EV motors",
      "electric vehicle motors", "electric motors", "hybrid vehicle motors", "traction motors in electric vehicles",
      "motors of electric vehicles", "hybrid vehicle drive motor", "hybrid vehicle drive motors",
      "drive motor of a hybrid vehicle", "motors of hybrid vehicles", "hybrid vehicle motor",
      "electric vehicles", "electric vehicle", "EVs", "electric vehicles (EVs)")),  # (what magnets in EVs go into)
    ("wind-turbine-generator", "wind turbine generator", "energy",
     ("wind turbine generator", "wind turbine generators", "wind turbines", "wind turbine", "wind generators",
      "offshore wind turbines")),
    ("air-conditioner-compressor", "air-conditioner compressor", "industrial",
     ("air-conditioner compressor", "air-conditioner compressors", "air conditioner compressors",
      "energy-efficient air-conditioner compressors", "air conditioners", "energy-saving air conditioners")),
    ("hard-disk-drive", "hard disk drive", "electronics", ("hard disk drive", "hard disk drives", "HDDs", "hard drives")),
    ("guided-missile", "guided missile", "defense",
     ("guided missile", "guided missiles", "missiles", "missile", "cruise missiles", "precision-guided munitions")),
    ("radar", "radar", "defense", ("radar", "radars", "radar systems", "radar system", "radar transmitters")),
    ("fighter-aircraft", "fighter aircraft", "defense",
     ("fighter aircraft", "fighter jets", "fighter jet", "combat aircraft")),  # (not "fighters": combatants too)
    ("military-systems", "military systems", "defense", ("military systems", "defense systems", "defence systems")),
    ("aerospace", "aerospace", "aerospace", ("aerospace",)),
    ("semiconductors", "semiconductors", "electronics", ("semiconductors", "semiconductor", "chips")),
    ("consumer-electronics", "consumer electronics", "electronics", ("consumer electronics", "smartphones")),
    ("electronics", "electronics", "electronics", ("electronics",)),
    ("data-centre-cooling", "data-centre cooling", "electronics",
     ("data-centre cooling", "data-center cooling", "data centre cooling", "data center cooling")),
    ("back-up-power", "back-up power", "energy", ("back-up power", "backup power")),
    ("mri-scanner", "MRI scanner", "medical", ("MRI scanners", "MRI machines", "MRI")),
    ("catalytic-converter", "catalytic converter", "automotive",
     ("catalytic converters", "autocatalysts", "automotive catalyst", "automotive catalysts")),
    ("phosphor", "phosphor", "electronics", ("phosphors", "lighting phosphors")),
    ("sensor", "sensor", "industrial", ("sensors",)),
    ("lithium-ion-battery", "lithium-ion battery", "energy",
     ("lithium-ion batteries", "lithium-ion battery")),
    ("electric-vehicle-battery", "electric vehicle battery", "energy",
     ("electric vehicle battery", "electric vehicle batteries", "EV battery", "EV batteries")),
    ("industrial-robot", "industrial robot", "industrial", ("industrial robots", "robots", "robotics")),
    ("drone", "drone", "defense", ("drones", "unmanned aerial vehicles", "UAVs")),
    ("satellite", "satellite", "aerospace", ("satellites",)),
    ("submarine", "submarine", "defense", ("submarines",)),
    ("laser", "laser", "industrial", ("lasers",)),
    ("led", "LED", "electronics", ("LED", "LEDs", "light-emitting diodes")),
    ("5g-base-station", "5G base station", "electronics", ("5G base station", "5G base stations")),
    ("radio-frequency-chip", "radio-frequency chip", "electronics", ("radio-frequency chips", "RF chips")),
    ("flat-panel-display", "flat-panel display", "electronics", ("flat-panel displays", "flat panel displays")),
    ("thin-film-solar-cell", "thin-film solar cell", "energy", ("thin-film solar cells",)),
    ("infrared-detector", "infrared detector", "defense", ("infrared detectors",)),
    ("flame-retardant", "flame retardant", "industrial", ("flame retardants",)),
    ("ammunition", "ammunition", "defense", ("ammunition",)),
    ("cutting-tools", "cutting tools", "industrial", ("cutting tools", "cutting tool", "cutting and drilling tools")),
    ("induction-motor", "induction motor", "industrial", ("induction motor", "induction motors")),
    ("lead-acid-battery", "lead-acid battery", "energy", ("lead-acid battery", "lead-acid batteries")),
    ("fluorescent-lamp", "fluorescent lamp", "electronics", ("fluorescent lamp", "fluorescent lamps")),
    ("polishing-powder", "polishing powder", "industrial", ("polishing powder", "polishing powders")),
    ("fertiliser", "fertiliser", "agriculture", ("fertiliser", "fertilisers", "fertilizer", "fertilizers")),
    ("infrared-optics", "infrared optics", "defense", ("infrared optics", "infrared lenses")),
    ("fibre-optic-cable", "fibre-optic cable", "electronics",
     ("fibre-optic cable", "fibre-optic cables", "fiber-optic cable", "fiber-optic cables", "fibre optics", "fiber optics")),
    ("space-solar-cell", "space solar cell", "aerospace", ("space solar cell", "space solar cells", "satellite solar cells")),
    ("solid-oxide-fuel-cell", "solid oxide fuel cell", "energy", ("solid oxide fuel cell", "solid oxide fuel cells")),
    ("3d-printing", "3D printing", "industrial", ("3D printing", "additive manufacturing")),
)

KNOWLEDGE = Path(__file__).resolve().parent / "knowledge"
"""World knowledge kept as data, one YAML file a list, each with its criterion and source in a header comment: the
traded forms of the commodities and the end uses (``materials.yaml``), the sector's companies (``companies.yaml``),
the government bodies (``government.yaml``), the organisations that are never parties (``not-parties.yaml``), the
policies (``policies.yaml``, read by :mod:`.policies`) and the sites (``facilities.yaml``, :mod:`.facilities`)."""


def _knowledge(name: str) -> Any:
    """A file of :data:`KNOWLEDGE`, parsed once a process (libyaml's parser where it is installed), and its parse kept
    in the user's cache for the next (:func:`.cache.yaml_file`)."""
    from .cache import yaml_file

    return yaml_file(KNOWLEDGE / name)


def bodies() -> Iterator[Entry]:
    """The government bodies of ``government.yaml`` as entries."""
    for body in _knowledge("government.yaml")["bodies"]:
        yield (body["id"], "GovernmentBody", body["name"], tuple(body.get("aliases", ())),
               {"country": body["country"]} if "country" in body else {})


def companies() -> Iterator[Entry]:
    """The companies of ``companies.yaml`` as entries: Company, or StateOwnedEnterprise where the file says so."""
    for firm in _knowledge("companies.yaml")["companies"]:
        yield (firm["id"], firm.get("label", "Company"), firm["name"], tuple(firm.get("aliases", ())),
               {"country": firm["country"]})


def not_parties() -> tuple[str, ...]:
    """Names of organisations that appear in supply-chain news but are never supply-chain parties."""
    return tuple(_knowledge("not-parties.yaml")["names"])


def more_synonyms(slug: str) -> tuple[str, ...]:
    """The spellings ``materials.yaml`` adds to a material or end use of this module or to a generated form."""
    return tuple(_knowledge("materials.yaml")["synonyms"].get(slug, ()))


@functools.cache
def compound_heads() -> frozenset[str]:
    """Ids of one-word materials and end uses that, after a lower-case word, head a compound naming another thing."""
    return frozenset(_knowledge("materials.yaml")["compound_heads"])


@functools.cache
def material_rows() -> tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...]:
    """:data:`MATERIALS`, :data:`MINERALS` and ``materials.yaml``'s: (slug, name, stage, elements, synonyms)."""
    data = _knowledge("materials.yaml")["materials"]
    rows = MATERIALS + MINERALS + tuple((m["slug"], m["name"], m["stage"], tuple(m["elements"]), tuple(m["synonyms"])) for m in data)
    return tuple((slug, name, stage, elements, synonyms + more_synonyms(slug)) for slug, name, stage, elements, synonyms in rows)


@functools.cache
def end_use_rows() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """:data:`END_USES` and the end uses of ``materials.yaml``: (slug, name, sector, synonyms)."""
    data = _knowledge("materials.yaml")["end_uses"]
    rows = END_USES + tuple((e["slug"], e["name"], e["sector"], tuple(e["synonyms"])) for e in data)
    return tuple((slug, name, sector, synonyms + more_synonyms(slug)) for slug, name, sector, synonyms in rows)


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def magnet_synonyms(slug: str) -> tuple[str, ...]:
    """Every spelling of a magnet material: modifiers x cores x tails (``sintered NdFeB magnet blocks``)."""
    return tuple(f"{modifier}{core} {tail}" for core in MAGNET_CORES.get(slug, ()) for modifier in MAGNET_MODIFIERS
                 for tail in MAGNET_TAILS)


COUNT_NOUNS = frozenset("alloy oxide metal concentrate powder carbonate material".split())
"""Head nouns whose plural names the same material ("NdFeB alloys", "rare earth oxides")."""


def entries() -> Iterator[Entry]:
    """Every built-in entity with its label, name, aliases and the properties its label requires, but the policies'
    and the sites' (:mod:`.policies`, :mod:`.facilities`: the gazetteer adds them after these, by one route)."""
    for name, code, aliases in COUNTRIES:
        yield f"country:{code}", "Country", name, aliases, {"iso2": code}
    for name, aliases in US_STATES:
        yield f"place:{_slug(name)}", "Place", name, aliases, {"country": "US", "kind": "state"}
    for name, aliases in CHINESE_PROVINCES:
        yield f"place:{_slug(name)}", "Place", name, aliases, {"country": "CN"}
    for name, code, aliases in PROVINCES:
        yield f"place:{_slug(name)}", "Place", name, aliases, {"country": code}
    for symbol, name, group in ELEMENTS:
        yield f"element:{symbol}", "Element", name, (name.lower(),), {"symbol": symbol, "group": group}
    taken: set[str] = set()
    for slug, name, stage, elements, synonyms in material_rows():
        props = {"stage": stage, **({"elements": list(elements)} if elements else {})}
        plurals = tuple(f"{x}s" for x in (name, *synonyms) if x.split()[-1] in COUNT_NOUNS and f"{x}s" not in synonyms)
        taken.update(s.lower() for s in (name, *synonyms, *plurals))
        yield f"material:{slug}", "Material", name, synonyms + plurals + magnet_synonyms(slug), props
    forms = [(symbol, element.lower(), ELEMENT_SPELLINGS.get(symbol, ()), [symbol]) for symbol, element, _ in ELEMENTS]
    forms += [(symbol, element, spellings, []) for symbol, element, spellings in FORM_ONLY_ELEMENTS]
    for symbol, element, spellings, elements in forms:
        for form, stage in (*ELEMENT_FORMS, *((f, st) for f, st, only in ELEMENT_ONLY_FORMS if symbol in only)):
            name = f"{element} {form}"
            if name not in taken:
                spelt = tuple(f"{word} {other}{plural}" for word in (element, *spellings)
                              for other in (form, *FORM_SPELLINGS.get(form, ())) for plural in ("", "s")) + more_synonyms(_slug(name))
                yield f"material:{_slug(name)}", "Material", name, tuple(dict.fromkeys((name, f"{name}s", *spelt))), \
                    {"stage": stage, **({"elements": elements} if elements else {})}
    for slug, name, sector, synonyms in end_use_rows():
        yield f"enduse:{slug}", "EndUse", name, synonyms, {"sector": sector}
    yield from bodies()
    yield from companies()
