"""Demo organisations for the cluster directory.

The twenty clusters of the ministry brochure "Serbian Clusters" (2009) with their figures,
addresses and contacts as printed; the seven founders of the Serbian Cluster Association
(SCAN); the Vojvodina ICT cluster's European cluster profile (founded 12 July 2010, bronze
label); Cluster House in Niš. Every fact the sources print about an organisation is carried;
descriptions, objectives and activities are our own words. ``founded`` is a date as precise
as the source gives it: "2008", "2005-11" or "2010-07-12". Coordinates are the city
centre's. The brochure counts 4 / 6 / 4 / 6 clusters per stage but its stage map did not
survive in the text, so each cluster's stage is inferred from its founding year and story.
"""

CITIES = {
    "Belgrade": ("belgrade", "44.817600", "20.456900"),
    "Novi Sad": ("vojvodina", "45.267100", "19.833500"),
    "Kragujevac": ("sumadija_west", "44.012800", "20.911400"),
    "Kraljevo": ("sumadija_west", "43.725800", "20.689400"),
    "Niš": ("south_east", "43.320900", "21.895800"),
    "Knjaževac": ("south_east", "43.566600", "22.257200"),
    "Leskovac": ("south_east", "42.998100", "21.946100"),
    "Ruma": ("vojvodina", "45.008100", "19.822200"),
    "Subotica": ("vojvodina", "46.100300", "19.665800"),
    "Inđija": ("vojvodina", "45.048200", "20.081600"),
}

# Sectors and technology fields: slug, English name, Serbian Latin name (the Cyrillic is the
# Latin one's twin).
SECTORS = [
    ("agriculture-food", "Agriculture and food industry", "Poljoprivreda i prehrambena industrija"),
    ("metal-processing", "Metal processing industry", "Metaloprerađivačka industrija"),
    ("automotive", "Automotive industry", "Automobilska industrija"),
    ("wood-processing", "Wood processing industry", "Drvoprerađivačka industrija"),
    ("chemical-plastics", "Chemical industry (plastics)", "Hemijska industrija (plastika)"),
    ("leather-footwear", "Leather and footwear industry", "Industrija kože i obuće"),
    (
        "recycling",
        "Recycling, waste collection and treatment",
        "Reciklaža, sakupljanje i prerada otpada",
    ),
    ("it", "IT industry", "IT industrija"),
    ("construction", "Construction industry", "Građevinarstvo"),
    ("tourism", "Tourism", "Turizam"),
    ("textile-fashion", "Textile and fashion", "Tekstil i moda"),
    ("business-services", "Business services", "Poslovne usluge"),
    ("education-knowledge", "Education and knowledge creation", "Obrazovanje i stvaranje znanja"),
    # The four domains of the Serbia Innovates supercluster programme.
    ("web3-blockchain", "Web3 and blockchain", "Web3 i blokčejn"),
    ("agri-food-tech", "Agri-food technology", "Agro-prehrambene tehnologije"),
    ("gaming-vr", "Gaming and virtual reality", "Gejming i virtuelna realnost"),
    ("med-biotech", "Medical and biotechnology", "Medicina i biotehnologija"),
]

TECHNOLOGY_FIELDS = [
    ("electronic-engineering", "Electronic engineering", "Elektrotehnika"),
    (
        "embedded-systems",
        "Embedded systems and real-time systems",
        "Ugrađeni sistemi i sistemi u realnom vremenu",
    ),
    ("software", "Software development", "Razvoj softvera"),
]


def _cluster(slug, name, city, **fields):
    return {"slug": slug, "name": name, "city": city, "kind": "cluster", **fields}


ORGANISATIONS = [
    _cluster(
        "ac-serbia",
        "Automotive Cluster of Serbia – AC Serbia",
        "Belgrade",
        founded="2005-11",
        objectives="Make members more competitive, win them a profitable place among the suppliers "
        "of international car makers, and so lift the whole industry.",
        target_countries=["FR", "DE"],
        stage="independent",
        is_founder=True,
        sectors=["automotive"],
        member_companies=22,
        member_research_organisations=5,
        employees=8100,
        turnover="140000000",
        turnover_year=2007,
        address="Dečanska 8/III, 11000 Belgrade",
        phone="+381 11 323 9051",
        fax="+381 11 324 3535",
        email="office@acserbia.org.rs",
        website="http://www.acserbia.org.rs",
        contacts=[
            ("Igor Vijatov", "Acting Cluster Director"),
            ("Dejan Vratonjić", "Project Manager"),
        ],
        description="Makers of car parts and automotive equipment working together to win a place "
        "in the supply chains of international car manufacturers. The founder of SCAN listed "
        "as Autocluster Serbia.",
        activities="Trainings (CATIA V5, value stream mapping, quality planning); joint stands "
        "at Equip Auto Paris, Automechanika and the Hannover Fair; the Automotive SEE regional "
        "platform; ISO TS 16949 internal auditor training.",
    ),
    _cluster(
        "serbian-software-cluster",
        "Serbian Software Cluster",
        "Belgrade",
        founded="2006",
        objectives="Help Serbian software makers succeed abroad: watch the market, find new "
        "business, and agree on the members' strategies, so the cluster points to where their "
        "solutions and expertise fit best.",
        activities="Finding innovative products and services made to measure; finding experienced, "
        "reliable partners; building lasting, trusted relations between members and clients; "
        "negotiating partner agreements with well-known international firms; market analysis and a "
        "wider network of contacts in Serbia.",
        stage="independent",
        sectors=["it"],
        member_companies=11,
        member_research_organisations=4,
        employees=1200,
        address="Volgina 15, 11000 Belgrade",
        phone="+381 11 323 9051",
        fax="+381 11 324 3535",
        email="fond@ssc.rs",
        website="http://www.ssc.rs",
        contacts=[("Marina Jovanović", "Project Manager")],
        description="Software companies that watch the international market together, spot "
        "new business and help each other reach clients abroad.",
    ),
    _cluster(
        "bipom",
        "BIPOM Cluster – Balkan and Black Sea Industry of Agricultural Machinery",
        "Belgrade",
        founded="2005-05",
        objectives="A network of makers of agricultural machinery, mostly on Italian technology, "
        "able to serve local buyers across the Balkan and Black Sea region.",
        activities="Cooperation with SOJUZAGROMASH, OMIR and OAO ZAREM in Russia and with UNACOMA "
        "in Rome; a start of cooperation with the new BIPOM-M cluster in Bitola; contacts with a "
        "Belarusian partner and the Armenia Farmer Association; a domestic patent of a rotary "
        "cultivator for orchards and vineyards prepared for industrial production.",
        target_countries=["RU", "IT", "MK", "BY", "AM"],
        stage="independent",
        sectors=["metal-processing"],
        member_companies=15,
        member_research_organisations=5,
        employees=701,
        turnover="20000000",
        address="Kneza Višeslava 70a, 11030 Belgrade",
        phone="+381 11 254 2158",
        fax="+381 11 254 4096",
        email="klaster@bipom.org.rs",
        website="http://www.bipom.org.rs",
        contacts=[("Milivoj Stojanović", "Cluster Director")],
        description="Manufacturers of small agricultural machinery building a network for the "
        "Balkan and Black Sea markets, with partners in Russia, Italy and North Macedonia.",
    ),
    _cluster(
        "sumadijski-cvet",
        "“Sumadijski cvet” – Flower Producers Cluster",
        "Kragujevac",
        founded="2006-12",
        objectives="Support the flower industry of Šumadija and Pomoravlje: distributing the "
        "members' products, buying raw materials and training the members.",
        activities="Setting up the cluster office; distributing the members' flowers together; "
        "training in new growing techniques and species; growing into new territory; first "
        "contacts with partners abroad.",
        stage="growth",
        sectors=["agriculture-food"],
        member_companies=68,
        member_research_organisations=3,
        employees=340,
        turnover="350000",
        address="Kralja Petra I br. 17, 34000 Kragujevac",
        phone="+381 34 300 576",
        fax="+381 34 302 706",
        email="sumadijskicvet@gmail.com",
        website="http://www.sumadijskicvet.com",
        contacts=[("Simon Zečević", "Cluster Director")],
        description="Flower growers of Šumadija and Pomoravlje sharing distribution, purchasing "
        "and training in new growing techniques.",
    ),
    _cluster(
        "agency-for-wood",
        "The Agency for Wood – Serbian Wood Processing Cluster",
        "Belgrade",
        founded="2005",
        objectives="Raise the competitiveness and the exports of Serbia's wood-processing and "
        "furniture industry.",
        activities="Presenting the cluster at fairs, conferences, congresses and workshops at home "
        "and abroad; the pilot project “Innovative Wood Processing Enterprise” in three companies "
        "and a yearly furniture design contest for students and apprentices; the “Cluster – DP” "
        "information system; a regional conference of wood-processing clusters in Belgrade; "
        "founding and chairing the network of wood-processing clusters of Central and "
        "South-Eastern Europe.",
        stage="independent",
        sectors=["wood-processing"],
        member_companies=107,
        member_research_organisations=6,
        employees=5000,
        turnover="85000000",
        address="Viline Vode 6, 11000 Belgrade",
        phone="+381 11 339 2473",
        fax="+381 11 321 7494",
        email="office@agencijazadrvo.rs",
        website="http://www.agencijazadrvo.rs",
        contacts=[("Dr. Zdravko Popović", "Cluster Director")],
        description="Wood processors, furniture makers, traders and faculties raising the "
        "export strength of Serbia's wood and furniture industry.",
    ),
    _cluster(
        "galenit",
        "Galenit – Cluster for the Organized Collection and Recycling of Used "
        "Batteries and Accumulators",
        "Belgrade",
        founded="2007",
        objectives="Develop and promote the organised collection and environmentally safe "
        "recycling of used batteries and accumulators, with more jobs and higher productivity in "
        "the branch, and teach professionals and the public about it.",
        activities="A study and an action plan for collecting waste accumulators; a study of "
        "employment in the sector and a PR strategy; campaigns and seminars for environmental "
        "activists and waste collectors; the Cluster Knowledge Base of members; promotion and ties "
        "with related associations abroad.",
        stage="initial",
        sectors=["recycling"],
        member_companies=13,
        member_research_organisations=3,
        employees=1200,
        turnover="350000000",
        address="Nemanjina 4/VI, 11000 Belgrade",
        phone="+381 64 353 5000",
        fax="+381 11 304 9700",
        email="info@galenit.org.rs",
        website="http://www.galenit.org.rs",
        contacts=[("Nebojša Đorđević", "Board of Directors President")],
        description="Companies that collect and recycle used batteries and accumulators safely "
        "for the environment, across Serbia.",
    ),
    _cluster(
        "dundjer-nis",
        "Civil Engineering Cluster DUNDJER Niš",
        "Niš",
        founded="2007",
        objectives="Advance construction in the Niš region and bring in world quality standards, "
        "true to the best of Serbian building, through people, shared information technology, "
        "professional training and new technology.",
        activities="A database of the some 3,000 civil engineers and architects who graduated in "
        "Niš; the cluster's interactive website; a centre for education and computer science "
        "training; a private network linking the members to data on real estate, labour and "
        "engineers; training workers in sought-after trades and placing them with members.",
        target_countries=["CH", "IT", "DE", "KZ"],
        stage="initial",
        sectors=["construction"],
        member_companies=53,
        member_research_organisations=6,
        employees=1226,
        turnover="1580325",
        address="Rajičeva 30a, 18000 Niš",
        phone="+381 18 522 812",
        fax="+381 18 248 884",
        email="klaster_dundjer@yahoo.com",
        website="http://www.dundjer.co.rs",
        contacts=[("Biljana Avramović", "Cluster Director")],
        description="Investors, contractors and subcontractors of the Niš region bringing "
        "world quality standards to local construction.",
    ),
    _cluster(
        "knjazevac-shoemakers",
        "Municipality of Knjaževac Shoemakers' Cluster",
        "Knjaževac",
        founded="2007",
        objectives="More production, jobs and exports for Knjaževac's shoemakers, and a brand for "
        "their shoes, to reduce poverty and strengthen the region.",
        activities="Representative offices in the larger Serbian cities, Niš first; stands at the "
        "International Fair of Textiles, Leather and Equipment and at “Business Base” in Belgrade; "
        "the Leather Goods and Shoes Fair and the “PRIVISI” entrepreneurship fair in Knjaževac; "
        "learning from shoemakers of developed countries and adopting their good practice.",
        stage="initial",
        sectors=["leather-footwear"],
        member_companies=16,
        member_research_organisations=4,
        employees=190,
        turnover="1875000",
        address="Trg Oslobođenja 1, 19350 Knjaževac",
        phone="+381 19 731 379",
        fax="+381 19 731 379",
        email="oupknjazevac@nadlanu.rs",
        website="http://www.klasterobucara.com",
        contacts=[("Jovan Isakov", "President of the Association")],
        description="Shoemakers of Knjaževac building a common brand to grow production, jobs "
        "and exports.",
    ),
    _cluster(
        "royal-vacation",
        "Royal Vacation – Tourism Cluster of Kraljevo and surrounding municipalities",
        "Kraljevo",
        founded="2008",
        objectives="Turn the region's advantages into high-quality tourist products that bring "
        "more visitors and new jobs in tourism.",
        activities="Presenting the cluster at fairs and conferences at home and abroad; 15 "
        "workshops for current and future members; the website, visual identity and promotional "
        "material; signposts to every important sight; linking all members to an online booking "
        "system.",
        stage="initial",
        sectors=["tourism"],
        member_companies=11,
        member_research_organisations=3,
        employees=1000,
        turnover="16521481",
        address="Cara Lazara 49, 36000 Kraljevo",
        phone="+381 36 320 600",
        email="tvnavigator@gmail.com",
        website="http://www.kraljevskiodmor.com",
        contacts=[("Aleksandar Pantelić", "Cluster Director")],
        description="Tourism businesses of the Kraljevo region putting together quality tourist "
        "products from the region's strengths.",
    ),
    _cluster(
        "istar-21",
        "Istar 21 – Tourism Development in the Danube Region",
        "Novi Sad",
        founded="2008",
        objectives="Link tourist service providers and related organisations into an authentic "
        "tourist product along the Danube for visitors from Serbia and abroad; raise the quality "
        "of services, present the region together, and bring the members more guests and income.",
        activities="A joint tourist product of the cluster; presenting the members at fairs at "
        "home and abroad; the cluster's website (also on visitserbia.org) and database; training "
        "for members to set standards and raise the quality of their services.",
        stage="initial",
        sectors=["tourism"],
        member_companies=14,
        member_research_organisations=7,
        employees=228,
        turnover="3014932",
        address="Pašićeva 7, 21000 Novi Sad",
        phone="+381 21 472 4088",
        email="bmarceta@magelan.rs",
        website="http://www.vojvodinatourism.org.yu",
        contacts=[("Biljana Marčeta", "Cluster secretary")],
        description="Tourist service providers along the Danube creating an authentic river "
        "tourism offer.",
    ),
    _cluster(
        "embedded-rs",
        "Embedded.rs – An Integrated Electronic Systems Cluster",
        "Belgrade",
        founded="2008",
        objectives="Make the profession better known, bring education and research closer to "
        "industry, and meet the market's needs with shared, better business processes.",
        activities="A review of the industry, with exchange of information and joint solutions; an "
        "internationalisation strategy, prepared with a visit to the electronics fair in Munich in "
        "2008; the cluster's visual identity; its website.",
        stage="new",
        sectors=["it"],
        technology_fields=["embedded-systems", "electronic-engineering"],
        member_companies=9,
        member_research_organisations=3,
        employees=150,
        turnover="10000000",
        address="Ruzveltova 1a, 11000 Belgrade",
        phone="+381 11 337 0952 ext. 108",
        fax="+381 11 337 0952",
        email="vukasin.pejovic@embedded.rs",
        website="http://www.embedded.rs",
        contacts=[("Vukašin Pejović", "Cluster Manager")],
        description="Embedded-systems companies and research institutions promoting the "
        "profession and working together on integrated electronics.",
    ),
    _cluster(
        "mice-tourism",
        "The Association for Business Development, M.I.C.E. Tourism",
        "Novi Sad",
        objectives="Build Vojvodina's offer for meetings, incentives, conventions and exhibitions, "
        "bring the members closer together, and present them to the market as one.",
        activities="Analysing today's business-tourism offer; a strategy for business (M.I.C.E.) "
        "tourism; more members; joint promotion and market presence; applying for domestic and "
        "international projects.",
        stage="initial",
        sectors=["tourism"],
        member_companies=11,
        member_research_organisations=3,
        employees=120,
        turnover="1000000",
        address="Kralja Aleksandra 14, 21000 Novi Sad",
        phone="+381 21 661 1944",
        fax="+381 21 661 1944",
        email="bonvoyage@sbb.co.rs",
        contacts=[
            ("Olga Drašković", "Board member"),
            ("Nataša Pavlović", "Supervisory Board member"),
        ],
        description="Small businesses developing Vojvodina's offer for meetings, incentives, "
        "conventions and exhibitions.",
    ),
    _cluster(
        "medical-tourism",
        "Medical Tourism Cluster",
        "Belgrade",
        objectives="Put Serbia on the map as a destination for medical treatment, with highly "
        "professional services for patients who travel for care.",
        activities="Developing Serbia's medical tourism offer; aligning institutions and law in "
        "the field with EU standards and planning its growth; brochures, guides and online "
        "databases of the offer; medical tourism conferences; presenting the offer at specialised "
        "fairs and in international medical tourism associations.",
        stage="new",
        sectors=["tourism", "med-biotech"],
        member_companies=19,
        address="Maršala Birjuzova 47a, 11000 Belgrade",
        phone="+381 63 458 143",
        email="amtsrbija@gmail.com",
        contacts=[("Slavica Gavrić", "Cluster Manager"), ("Marina Majkić", "Cluster Secretary")],
        description="Spas, clinics, hotels and agencies promoting Serbia as a destination for "
        "medical treatment.",
    ),
    _cluster(
        "tourist-cluster-srem",
        "Tourist Cluster Srem",
        "Ruma",
        objectives="A respected, competitive place for incoming tourism in Srem, and help for "
        "small and medium-sized tourism businesses and their suppliers, for sustainable growth of "
        "the region.",
        activities="Bringing services up to EU standards; day trips and promotion of Srem's "
        "sights; promoting the region's food through three of its brands (mangulica pork, snails "
        "and Srem cakes); cross-border cooperation with similar organisations.",
        stage="new",
        sectors=["tourism"],
        member_companies=20,
        member_research_organisations=3,
        address="Tivol L2/1/8, 22400 Ruma",
        phone="+381 63 871 1124",
        fax="+381 22 475 999",
        email="sremtours@nadlanu.rs",
        contacts=[("Duška Davidović", "Cluster Manager")],
        description="Rural, eco, ethno and hunting tourism in Srem, with the region's food brands.",
    ),
    _cluster(
        "jato",
        "The First Cluster for Plastics and Packaging – JATO",
        "Subotica",
        founded="2004-06",
        objectives="Work more efficiently through standardised production, and make high-quality, "
        "competitive products for the home market and abroad.",
        activities="Cooperation with Italian industrial districts; the TIMEA environmental project "
        "of the European TEMPUS programme, with technical faculties from Vienna, Novi Sad, "
        "Bratislava, Košice, Ljubljana and Belgrade; cooperation with the Hungarian packaging "
        "cluster OMNIPACK on biodegradable foils and bags of biopolymers; joining the regional "
        "cooperation network of the DKMT Euroregion.",
        target_countries=["IT", "HU"],
        stage="independent",
        sectors=["chemical-plastics"],
        member_companies=15,
        member_research_organisations=5,
        employees=1030,
        address="Trg Jovana Nenada 15, 24000 Subotica",
        phone="+381 24 554 888",
        email="office@jato.org.rs",
        website="http://www.jato.org.rs",
        contacts=[("Zoran Pakaški", "Cluster Director")],
        description="Plastics processors, packaging makers and recyclers standardising "
        "production for domestic and foreign markets.",
    ),
    _cluster(
        "eko-krug",
        "EKO KRUG – Cluster for Electronic, Industrial and Hazardous Waste",
        "Belgrade",
        founded="2006",
        objectives="Treat electronic waste systematically, master new technologies for reusing its "
        "materials in domestic industry, keep scattered electric and electronic waste from "
        "polluting, and teach society to handle secondary and waste materials properly.",
        activities="A register of every recycling company in Serbia; two books, on managing "
        "electrical and electronic waste and on batteries as hazardous waste; a conference on "
        "collecting, packing, processing and disposing of electronic and industrial waste; studies "
        "of the waste-materials market; work with the authorities on waste legislation in line "
        "with European standards.",
        stage="independent",
        sectors=["recycling"],
        member_companies=6,
        member_research_organisations=2,
        employees=350,
        turnover="8750000",
        address="Knjeginje Zorke 24, 11000 Belgrade",
        phone="+381 11 241 7433",
        email="office@ekokrug.org.yu",
        website="http://www.ekokrug.org.yu",
        contacts=[("Dr. Pavle Hadžić", "Cluster Director")],
        description="Companies treating electronic and hazardous waste systematically, and "
        "raising awareness of proper recycling.",
    ),
    _cluster(
        "netwood",
        "Netwood – Cluster for Furniture Production",
        "Kragujevac",
        founded="2007",
        objectives="More innovation and competitiveness for the small and medium-sized furniture "
        "makers of Šumadija and Pomoravlje, through new business networks that share know-how.",
        activities="A database of the region's furniture makers and their suppliers; a service "
        "centre for business information, legal and professional advice, administration and "
        "networking; a joint stand at the Belgrade Furniture Fair; the cluster's website; "
        "cooperation with the “Czech Furniture” cluster.",
        target_countries=["CZ"],
        stage="growth",
        sectors=["wood-processing"],
        member_companies=9,
        member_research_organisations=3,
        employees=180,
        address="Kralja Petra I 17, 34000 Kragujevac",
        phone="+381 34 302 701",
        fax="+381 34 302 706",
        email="office@netwoodcluster.net",
        website="http://www.netwoodcluster.net",
        contacts=[("Blagoje Vasiljević", "Cluster President")],
        description="Furniture makers of Šumadija and Pomoravlje sharing know-how, services "
        "and fair presentations.",
    ),
    _cluster(
        "memos",
        "MEMOS Cluster – Competitiveness of Metal Producers",
        "Inđija",
        founded="2006",
        objectives="Bring innovation into the members' products and services step by step, present "
        "them together on chosen markets, and strengthen private business in the region.",
        activities="A network of members on one business and information system (“Clusterpro”); "
        "preparing members for ISO 9001, ISO 14001, OHSAS 18001 and the CE mark; a technology for "
        "plants producing energy from renewable biological sources; equipment for making biodiesel "
        "on farms; training for managers and entrepreneurs of the region.",
        stage="growth",
        sectors=["metal-processing"],
        member_companies=14,
        member_research_organisations=5,
        employees=308,
        turnover="9000000",
        address="Branka Radičevića 44, 22320 Inđija",
        phone="+381 22 557 552",
        fax="+381 22 552 404",
        email="office@klaster-memos.org",
        website="http://www.klaster-memos.org",
        contacts=[("Mirjana Radenović", "Cluster Director")],
        description="Metal producers of Inđija and Srem developing new products together and "
        "preparing for quality standards.",
    ),
    _cluster(
        "south-serbian-alko",
        "South Serbian Alko Cluster",
        "Leskovac",
        founded="2006",
        objectives="Join the producers of alcoholic and soft drinks along the whole value chain in "
        "the region, place them well on domestic and foreign markets, and make them more "
        "competitive by meeting production, delivery and quality standards.",
        activities="An equipped office with a cluster coordinator and project working groups; a "
        "website of the members and their main projects; a product catalogue, a brochure and a "
        "video; a database of members and potential partners; preparing members' products for "
        "certification and HACCP. Besides its six companies, 36 farming households take part.",
        stage="growth",
        sectors=["agriculture-food"],
        member_companies=6,
        member_research_organisations=10,
        employees=622,
        address="Stojana Ljubića 12, 16000 Leskovac",
        phone="+381 16 250 964; 063 645 601; 064 172 0789",
        fax="+381 11 250 964",
        email="alco@alcocluster.org",
        website="http://www.alcocluster.org",
        contacts=[
            ("Milorad Stajković", "Cluster Director"),
            ("Ana Grozdanović", "Expert Collaborator"),
        ],
        description="Grape, fruit, wine and brandy producers of the Jablanica and Pčinja "
        "districts joining the whole value chain.",
    ),
    _cluster(
        "pekos",
        "PEKOS – Producers of Baked Goods Cluster",
        "Novi Sad",
        founded="2008",
        objectives="Help members become more competitive and win profitable positions on the "
        "domestic market and abroad.",
        activities="Trusted business relations among members and with their clients; new products "
        "made for clients' needs; the Bread Festival and the Tourism Fair in Novi Sad; quality "
        "standards in members' production; a database of Vojvodina's bakers and mills.",
        stage="new",
        sectors=["agriculture-food"],
        member_companies=20,
        member_research_organisations=3,
        employees=200,
        address="Trg Marije Trandafil 14, 21000 Novi Sad",
        phone="+381 21 662 2213",
        fax="+381 21 662 2213",
        email="zandomns@eunet.rs",
        contacts=[("Veljko Anđelić", "Cluster Manager")],
        description="Bakeries, suppliers and research institutions improving products and "
        "quality standards in Vojvodina.",
    ),
    # The founders of SCAN that the brochure does not list.
    _cluster(
        "voict",
        "Vojvodina ICT Cluster – VOICT",
        "Novi Sad",
        founded="2010-07-12",
        stage="sustainability",
        is_founder=True,
        excellence_label="bronze",
        sectors=["it", "business-services", "education-knowledge"],
        technology_fields=["electronic-engineering", "embedded-systems"],
        emerging_industries=["creative", "digital"],
        management_team="Cluster manager",
        networks="A member of the BBS ICT Cluster Network.",
        target_countries=["US"],
        international_activities=["missions_events"],
        transnational_activities=["missions_events"],
        website="https://vojvodinaictcluster.org",
        description="The ICT companies of Vojvodina promoting Serbia as a destination for "
        "information and communication technologies.",
        mission="A clear, open framework in which the member companies voice their common "
        "interests and pursue them.",
        objectives="Help members prepare, finance, run and account for development projects; "
        "promote Serbia abroad as a strong home of the ICT industry; attract private and "
        "public investment; bring the ICT industry, state institutions and other key "
        "organisations at home and abroad together for a climate friendly to ICT; build "
        "trust and the exchange of information within the industry; link local companies "
        "with experts to grow industrial capacity, skills and know-how.",
        support_services=[
            "internationalisation",
            "access_to_public_support",
            "collaboration_between_members",
            "cross_sectoral_cooperation",
            "information_dissemination",
        ],
        support_services_details="Promoting the members' projects and finding funds for "
        "them, with experienced member companies and partners abroad as a network for joint "
        "projects; conferences and professional events that show the members' competence "
        "and let foreign partners meet them; themed B2B events with many Serbian ICT "
        "companies in one place; timely news of projects, incentives, programmes, calls and "
        "tenders, and of events at home and abroad; passing every request for ICT products "
        "or services on to the members.",
    ),
    _cluster(
        "ict-network",
        "ICT Network",
        "Belgrade",
        is_founder=True,
        sectors=["it"],
        description="A network of ICT companies; a founder of SCAN.",
    ),
    _cluster(
        "vmc",
        "Vojvodina Metal Cluster – VMC",
        "Novi Sad",
        is_founder=True,
        sectors=["metal-processing"],
        description="Metal-working companies of Vojvodina; a founder of SCAN.",
    ),
    _cluster(
        "facts",
        "Fashion and Apparel Cluster of Serbia – FACTS",
        "Belgrade",
        is_founder=True,
        sectors=["textile-fashion"],
        description="Fashion and apparel makers of Serbia; a founder of SCAN.",
    ),
    _cluster(
        "nicat",
        "Niš Cluster of Advanced Technologies – NiCAT",
        "Niš",
        is_founder=True,
        sectors=["it"],
        technology_fields=["electronic-engineering", "software"],
        description="Advanced-technology companies of Niš; a founder of SCAN.",
    ),
    _cluster(
        "ict-cluster-central-serbia",
        "ICT Cluster of Central Serbia",
        "Kragujevac",
        is_founder=True,
        sectors=["it"],
        description="ICT companies of central Serbia; a founder of SCAN.",
    ),
    {
        "slug": "cluster-house",
        "name": "Cluster House",
        "city": "Niš",
        "kind": "support",
        "founded": "2011",
        "website": "http://www.clusterhouse.rs",
        "sectors": ["business-services", "education-knowledge"],
        "description": "The support institution behind the Serbian Cluster Network: the "
        "Infocluster magazine, the Days of Clusters conference, Balkan Cluster Day, the "
        "Business Cluster Clubs and a training centre.",
        "mission": "Cluster synergy in Serbia and in the Balkan and Black Sea region, for "
        "trans-national cluster projects of sustainable economic development, access to "
        "development funds and new markets. Membership of the network is free.",
        "objectives": "Grow the Balkan and Black Sea Cluster Network into a centre of "
        "information and logistics for networking, promoting and internationalising the "
        "region's clusters and SMEs, and connect them with European and global cluster "
        "development institutions.",
        "activities": "Founded in 2011 on the initiative of seven clusters of South-East "
        "Serbia, with technical support from the Danish LEDIB programme; initiator and "
        "coordinator of the Serbian Cluster Network since the memoranda of 2012 with the "
        "Serbian Clusters Community and the Serbian Chamber of Commerce and Industry; "
        "facilitation manager of the collaboration platform of 47 Serbian cluster "
        "organisations; coordinator of the Balkan Cluster, an electronic platform for "
        "cross-border cooperation of more than 35 clusters of Bulgaria and Serbia; an "
        "information centre with over 3,000 contacts; the Infocluster magazine, the TV show "
        "Clusters in Serbia, the Days of Clusters conference in Niš every October, Balkan "
        "Cluster Day (Niš, 25 March 2016), the Business Cluster Clubs and a training centre "
        "for cluster development.",
        "support_services": [
            "information_dissemination",
            "collaboration_between_members",
            "access_to_public_support",
            "promotion",
            "skills",
            "entrepreneurship",
        ],
        "support_services_details": "Business information, consulting, training, "
        "communication, B2B and cluster-to-cluster matchmaking and promotion for clusters, "
        "start-ups and established SMEs.",
        "networks": "Serbian Cluster Network; Balkan and Black Sea Cluster Network.",
        "target_countries": ["BG"],
        "transnational_activities": ["matchmaking", "agreements"],
        "funded_programmes": "LEDIB, the Danish programme for local economic development in "
        "the Balkans; LEADER.",
    },
]

# The twenty clusters of the ministry's brochure, in its order.
BROCHURE = (
    "ac-serbia",
    "serbian-software-cluster",
    "bipom",
    "sumadijski-cvet",
    "agency-for-wood",
    "galenit",
    "dundjer-nis",
    "knjazevac-shoemakers",
    "royal-vacation",
    "istar-21",
    "embedded-rs",
    "mice-tourism",
    "medical-tourism",
    "tourist-cluster-srem",
    "jato",
    "eko-krug",
    "netwood",
    "memos",
    "south-serbian-alko",
    "pekos",
)

# The organisations ``seed_demo --subset`` (the tests) writes: a cluster, and those the demo
# speakers work for.
SUBSET = ("ac-serbia", "voict", "cluster-house")

# The directory page at /clusters/.
DIRECTORY_FIELDS = {
    "title": "Clusters",
    "listing_summary": "The directory of member clusters, with their map.",
    "search_description": "The directory of clusters in the Serbian cluster network.",
    "intro": "The clusters of Serbia and their members: who they are, what they do and where "
    "to find them.",
}
