"""The demo news: categories, authors and a dozen articles, three of them also in Serbian.

Written for the demo from the public source documents the platform was specified from (see
``demo.content``); the names, figures and dates are theirs. Where a document
gives no date, the article's date is a plausible one. Authors are the association's teams,
not invented people.
"""

import datetime
from dataclasses import dataclass

from demo.blocks import bullets, call_to_action, heading, paragraph, quote, table
from demo.content import FOUNDING_CLUSTERS

# Each category in the three languages; the slug stays the same in every language.
CATEGORIES = [
    {
        "slug": "cluster-news",
        "names": {"en": "Cluster news", "sr-latn": "Vesti iz klastera"},
    },
    {
        "slug": "calls-and-funding",
        "names": {
            "en": "Calls and funding",
            "sr-latn": "Pozivi i finansiranje",
        },
    },
    {"slug": "events", "names": {"en": "Events", "sr-latn": "Događaji"}},
    {
        "slug": "infocluster",
        "names": {"en": "Infocluster", "sr-latn": "Infocluster"},
    },
]

# Found again by name on the next run.
AUTHORS = {
    "editorial": {"name": "Editorial team", "role": "Communications and Infocluster"},
    "development": {
        "name": "Cluster development office",
        "role": "Programmes, calls and funding",
    },
    "events": {"name": "Events team", "role": "Conferences, cluster clubs and B2B meetings"},
}


@dataclass(frozen=True)
class Article:
    slug: str
    date: datetime.date
    title: str
    intro: str
    body: list
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    # A key of ``demo.images.DEMO_IMAGES``.
    lead_image: str


CLUSTER_STORY_QUOTE = (
    "The story about clusters is the story of comradeship, solidarity, focus, shared goals and "
    "success."
)

# English, newest last -----------------------------------------------------------------------

ARTICLES = [
    Article(
        slug="ministry-brochure-twenty-serbian-clusters",
        date=datetime.date(2009, 11, 12),
        title="Twenty clusters in the ministry's brochure “Serbian Clusters”",
        intro=(
            "The Ministry of Economy and Regional Development has published a brochure on the "
            "twenty clusters it supports through its Cluster Development Support Programme."
        ),
        body=[
            paragraph(
                "<p>The brochure describes each cluster's objectives and activities, its members, "
                "employees and turnover, and how to reach it. It accompanies the ministry's "
                "long-term Cluster Development Support Programme for 2006–2011, which in 2007 "
                "was carried out with financial support from the Government of the Kingdom of "
                "Norway.</p>"
                "<p>The programme's aim is to support private sector development, new jobs and "
                "exports by strengthening the links between companies, research institutions "
                "and business associations.</p>"
            ),
            heading("Support in stages"),
            paragraph(
                "<p>Clusters apply for grants through public calls for proposals. A grant covers "
                "at most 50% of the eligible costs of the cluster's activities, and support "
                "follows a cluster's stage of development: new cluster initiatives, the initial "
                "operation of established clusters, growth and commercialisation, and from 2009 "
                "sustainability, with links to international business networks, joint "
                "innovation projects and innovation infrastructure.</p>"
            ),
            table(
                [
                    ["Stage of development", "Clusters"],
                    ["New cluster initiatives (1st stage)", "4"],
                    ["Initial operation of established clusters (2nd stage)", "6"],
                    ["Growth and commercialisation (3rd stage)", "4"],
                    ["Established with the ministry's support, now independent", "6"],
                ],
                caption="The twenty clusters of the brochure by stage of development",
            ),
            heading("From flowers to software"),
            paragraph(
                "<p>The clusters come from agriculture and food, metal processing, the "
                "automotive industry, wood processing, plastics, leather and footwear, "
                "recycling, IT, construction and tourism. Among them are the Automotive Cluster "
                "of Serbia, the Serbian Software Cluster, the Civil Engineering Cluster DUNDJER "
                "from Niš, the Knjaževac shoemakers' cluster and the Medical Tourism "
                "Cluster.</p>"
            ),
            quote(
                "Dynamic and effective interaction and cooperation involving businesses, "
                "research community and education centres are crucial for economic growth and "
                "promotion of innovation processes.",
                "Mlađan Dinkić",
                "Minister of Economy and Regional Development, in the brochure's foreword",
            ),
        ],
        categories=("calls-and-funding", "cluster-news"),
        tags=("ministry", "funding", "export"),
        authors=("development",),
        lead_image="cluster-brochure",
    ),
    Article(
        slug="automotive-cluster-of-serbia",
        date=datetime.date(2010, 2, 16),
        title="Automotive Cluster of Serbia: 22 companies aiming for carmakers' supply chains",
        intro=(
            "AC Serbia brings together makers of auto components and equipment that want a "
            "profitable place among the suppliers of international car manufacturers."
        ),
        body=[
            paragraph(
                "<p>The Automotive Cluster of Serbia is a network of Serbian companies and "
                "institutions that manufacture auto components and equipment, and of the "
                "services around them. It was founded in November 2005 with the support of the "
                "Government of the Republic of Serbia and the German Society for Technical "
                "Cooperation (GTZ).</p>"
            ),
            table(
                [
                    ["Figure", "Value"],
                    ["Companies", "22"],
                    ["Research and support institutions", "5"],
                    ["Employees", "8,100"],
                    ["Turnover (2007)", "€140 million"],
                ],
                caption="AC Serbia in figures",
            ),
            heading("What the cluster does"),
            paragraph(
                bullets(
                    [
                        "Training with domestic and international partners in CATIA V5, Value "
                        "Stream Mapping and Quality Planning.",
                        "Joint stands at international fairs, among them Equip Auto Paris, "
                        "Automechanika and the Hannover Fair.",
                        "The Automotive SEE Cluster, a regional platform set up with clusters "
                        "from the region.",
                        "Partnership in the UNIDO project that helps Serbian manufacturers and "
                        "suppliers in the automotive industry reach international markets.",
                        "Training for internal auditors of the ISO TS 16949 quality system, "
                        "with GTZ and USAID in 2009.",
                    ]
                )
            ),
        ],
        categories=("cluster-news",),
        tags=("automotive", "export", "training"),
        authors=("editorial",),
        lead_image="hero",
    ),
    Article(
        slug="wood-processing-and-furniture-clusters",
        date=datetime.date(2010, 5, 19),
        title="Wood and furniture: two clusters, one goal",
        intro=(
            "A national wood processing cluster of more than a hundred companies and a regional "
            "furniture cluster in Šumadija both work to make Serbian wood products more "
            "competitive abroad."
        ),
        body=[
            heading("The Agency for Wood"),
            paragraph(
                "<p>The Serbian Wood Processing Cluster, the Agency for Wood, was founded in "
                "2005. Its members are companies in production, trade and related services, "
                "together with the Faculties of Forestry, Architecture, Civil Engineering and "
                "Economics of the University of Belgrade, the Institute for Testing Materials and "
                "the Serbian Association of Vocational Schools for Wood Processing.</p>"
                "<p>The cluster organised the Regional Conference on Wood Processing Clusters in "
                "Belgrade and set up the Central and Southeastern Europe Network of Wood "
                "Processing Clusters, which it presides. Its pilot project “Innovative Wood "
                "Processing Enterprise” ran in three member companies.</p>"
            ),
            heading("Netwood in Šumadija and Pomoravlje"),
            paragraph(
                "<p>Netwood was founded in Kragujevac in 2007 to bring the furniture makers of "
                "Šumadija and Pomoravlje together. It keeps a database of the region's furniture "
                "producers, runs a service centre with business information, professional and "
                "legal advice and business networking, presented all its members together at "
                "the Furniture Fair in Belgrade and works with the Czech Furniture cluster.</p>"
            ),
            table(
                [
                    ["", "The Agency for Wood", "Netwood"],
                    ["Founded", "2005", "2007"],
                    ["Companies", "107", "9"],
                    ["Research and support institutions", "6", "3"],
                    ["Employees", "5,000", "180"],
                ],
                caption="Two wood clusters side by side",
                header_column=True,
            ),
        ],
        categories=("cluster-news",),
        tags=("wood", "export"),
        authors=("editorial",),
        lead_image="cluster-brochure",
    ),
    Article(
        slug="serbian-cluster-network-in-figures",
        date=datetime.date(2016, 1, 20),
        title="The Serbian Cluster Network: 47 cluster organisations on one platform",
        intro=(
            "More than 80 clusters work in Serbia, with over 47,000 members and about 120,000 "
            "employees. The collaboration platform that Cluster House runs brings 47 of their "
            "organisations together."
        ),
        body=[
            paragraph(
                "<p>Cluster House, a business development organisation from Niš, initiated the "
                "Serbian Cluster Network and coordinates it. The network rests on memoranda of "
                "understanding signed in 2012 with the Serbian Clusters Community and the "
                "Serbian Chamber of Commerce and Industry, with the support of government "
                "institutions, academia and international programmes such as LEDIB and "
                "LEADER.</p>"
            ),
            table(
                [
                    ["Clusters in Serbia", "more than 80"],
                    ["Cluster members", "more than 47,000"],
                    ["Small and medium-sized enterprises among them", "about 85%"],
                    ["People employed", "about 120,000"],
                    ["Cluster organisations on the collaboration platform", "47"],
                ],
                caption="Clusters in Serbia",
                header_row=False,
                header_column=True,
            ),
            heading("Across the border"),
            paragraph(
                "<p>Cluster House also coordinates Balkan Cluster, an online platform for "
                "cross-border cooperation between clusters in Bulgaria and Serbia with more than "
                "35 cluster members. Its Info Centre keeps a business network of more than 3,000 "
                "contacts: experts in economic development, institutions and entrepreneurs in "
                "the region and around the world.</p>"
            ),
            call_to_action(
                "Join the network",
                "Network membership is free for clusters and their members.",
                "Why join",
                "membership",
            ),
        ],
        categories=("cluster-news",),
        tags=("network", "nis", "sme"),
        authors=("development",),
        lead_image="hero",
    ),
    Article(
        slug="balkan-cluster-day-nis-2016",
        date=datetime.date(2016, 3, 25),
        title="Balkan Cluster Day brings the region's clusters to Niš",
        intro=(
            "Clusters from Serbia and their partners from the Balkan and Black Sea region met in "
            "Niš on 25 March 2016 for Balkan Cluster Day."
        ),
        body=[
            paragraph(
                "<p>Balkan Cluster Day, organised by Cluster House, brought cluster managers, "
                "member companies and partner institutions to Niš, the home of Cluster House and "
                "of the Serbian Cluster Network. The day was about what clusters can achieve "
                "together across borders: joint projects, access to development funds and new "
                "markets for their members.</p>"
            ),
            heading("Why the region"),
            paragraph(
                "<p>Cluster House was founded in 2011 on the initiative of seven clusters from "
                "South East Serbia, with technical support from the Danish LEDIB programme for "
                "local economic development in the Balkans, to support cluster-based economic "
                "development in the Balkan and Black Sea region. Its plan for growth is the "
                "Balkan and Black Sea Cluster Network, which connects the region's clusters and "
                "small businesses with European and global cluster organisations.</p>"
                "<p>Balkan Cluster, its online platform for cross-border cooperation between "
                "Bulgaria and Serbia, already has more than 35 cluster members.</p>"
            ),
        ],
        categories=("events",),
        tags=("nis", "balkan", "network"),
        authors=("events",),
        lead_image="balkan-cluster-day",
    ),
    Article(
        slug="serbian-cluster-association-founded",
        date=datetime.date(2016, 8, 2),
        title="Seven clusters found the Serbian Cluster Association",
        intro=(
            "After years of working together, seven clusters from the ICT, automotive, metal "
            "and fashion industries have founded SCAN, the national umbrella association of "
            "clusters."
        ),
        body=[
            paragraph(
                "<p>The founders of the Serbian Cluster Association are:</p>"
                + bullets(FOUNDING_CLUSTERS["en"])
            ),
            table(
                [
                    ["Founding clusters", "People employed by their members", "Yearly revenue"],
                    ["7", "30,000+", "over €1 billion, most of it from exports"],
                ],
                caption="The founders in figures",
            ),
            heading("What the association will do"),
            paragraph(
                "<p>SCAN will be the platform where clusters cooperate, and it will support new "
                "cluster initiatives as they start and grow. It will build a network of partners "
                "among national and international institutions and the donor community, and "
                "give clusters, together with business and academia, a common voice towards "
                "the government.</p>"
            ),
            quote(CLUSTER_STORY_QUOTE, "Serbian Cluster Association"),
            call_to_action(
                "About the association",
                "The founding clusters and the wider Serbian Cluster Network.",
                "About us",
                "about",
            ),
        ],
        categories=("cluster-news",),
        tags=("ict", "automotive", "export"),
        authors=("editorial",),
        lead_image="about",
    ),
    Article(
        slug="ict-cluster-vojvodina-bronze-label",
        date=datetime.date(2018, 4, 11),
        title="An ICT cluster from Vojvodina holds the Bronze Label",
        intro=(
            "Founded on 12 July 2010, the cluster has published its profile on the European "
            "Cluster Collaboration Platform, with the Bronze Label for cluster management."
        ),
        body=[
            paragraph(
                "<p>The cluster's mission is an efficient and transparent framework in which its "
                "member companies express and pursue their interests. It promotes Serbia "
                "internationally as a strong destination for the information and communication "
                "technology industry, works to attract private and public investment and "
                "belongs to the BBS ICT Cluster Network.</p>"
            ),
            table(
                [
                    ["Founded", "12 July 2010"],
                    ["Region", "Vojvodina"],
                    ["Cluster excellence label", "Bronze"],
                    ["Sectors", "Business services; education and knowledge creation"],
                    [
                        "Technology fields",
                        "Electronic engineering; embedded and real-time systems",
                    ],
                    ["Emerging industries", "Creative industries; digital industries"],
                    ["Network", "BBS ICT Cluster Network"],
                ],
                caption="The profile at a glance",
                header_row=False,
                header_column=True,
            ),
            heading("Services for members"),
            paragraph(
                bullets(
                    [
                        "Help with development projects: writing them, finding the money, "
                        "following them through and keeping their accounts.",
                        "Conferences and professional events where members and foreign "
                        "partners present what they can do.",
                        "Thematic B2B events to meet many Serbian ICT companies in one place.",
                        "Regular news on calls, tenders, incentives and events at home and abroad.",
                        "Every request for ICT products or services that reaches the cluster "
                        "is passed on to its members.",
                    ]
                )
            ),
            paragraph(
                "<p>Abroad, the cluster's main target is the United States, with missions, "
                "events, study visits and fairs.</p>"
            ),
        ],
        categories=("cluster-news",),
        tags=("ict", "vojvodina", "b2b"),
        authors=("development",),
        lead_image="ict-vojvodina",
    ),
    Article(
        slug="serbia-innovates-pilot-superclusters",
        date=datetime.date(2022, 3, 15),
        title="Serbia Innovates: pilot superclusters start in April",
        intro=(
            "The four-year Serbia Innovates programme, launched by ICT Hub with the support of "
            "USAID, pilots superclusters in four domains from April 2022 to June 2023."
        ),
        body=[
            paragraph(
                "<p>A supercluster brings small and medium-sized companies, start-ups, "
                "investors, universities and state institutions into close cooperation in one "
                "domain, so that innovation moves faster and problems no member could solve "
                "alone are solved together. Before the pilots start, the selected consortia are "
                "trained in the concepts, skills and tools of running a supercluster.</p>"
            ),
            table(
                [
                    ["Domain", "Where it applies"],
                    [
                        "Web3 and blockchain",
                        "Finance, education, health, public administration, cyber security, "
                        "transport",
                    ],
                    [
                        "Agri-food tech",
                        "Primary agriculture, food processing and production, trade",
                    ],
                    [
                        "Gaming and virtual reality",
                        "Trade and marketing, entertainment, serious games and EdTech, MedTech",
                    ],
                    [
                        "Medical technology and biotechnology",
                        "Pharmaceuticals, BioTech, MedTech, HealthTech",
                    ],
                ],
                caption="The four domains",
            ),
            heading("What the pilots must show"),
            paragraph(
                "<p>During the pilot, each consortium builds its supercluster's infrastructure "
                "and starts at least one joint project with other members. The aim of the phase "
                "is to confirm that the model works in practice.</p>"
            ),
            call_to_action(
                "Serbia Innovates",
                "The programme, its phases and its four domains.",
                "Read about the programme",
                "serbia-innovates",
            ),
        ],
        categories=("calls-and-funding",),
        tags=("supercluster", "innovation", "usaid"),
        authors=("development",),
        lead_image="serbia-innovates",
    ),
    Article(
        slug="serbia-innovates-supercluster-selection",
        date=datetime.date(2023, 7, 4),
        title="Serbia Innovates: one supercluster to be supported until June 2025",
        intro=(
            "The pilot phase ended in June 2023. The programme is now reviewing the results to "
            "choose the one supercluster that keeps its support until June 2025."
        ),
        body=[
            paragraph(
                "<p>Three things decide which supercluster continues: what it achieved during "
                "the pilot, its three-year plan, and Serbia's global position in its domain.</p>"
            ),
            table(
                [
                    ["Phase", "When"],
                    ["Training of the selected consortia", "Before the pilots"],
                    ["Pilot superclusters", "April 2022 – June 2023"],
                    ["Selection of one supercluster", "After the pilots"],
                    ["Financial support for the selected supercluster", "Until June 2025"],
                ],
                caption="Serbia Innovates, phase by phase",
            ),
            heading("Built to last"),
            paragraph(
                "<p>Alongside the support, the programme works with the supercluster's members "
                "on a sustainable way of working, so that the supercluster carries on after the "
                "programme ends. A monitoring and evaluation system follows its progress, and "
                "the plan is adapted to what the supercluster needs.</p>"
            ),
        ],
        categories=("calls-and-funding",),
        tags=("supercluster", "innovation"),
        authors=("development",),
        lead_image="serbia-innovates",
    ),
    Article(
        slug="business-cluster-clubs-b2b-and-training",
        date=datetime.date(2024, 3, 12),
        title="Business Cluster Clubs: B2B meetings and the training centre",
        intro=(
            "The Business Cluster Clubs go on with B2B meetings between member companies, and "
            "the Training Centre for Cluster Development is open to every member of the "
            "network."
        ),
        body=[
            paragraph(
                "<p>At the Business Cluster Clubs, members of the network meet, present their "
                "companies and hold short B2B meetings with possible partners, arranged in "
                "advance. With trade fairs and exhibitions, the clubs are one of the twelve "
                "reasons clusters give for joining the network.</p>"
            ),
            heading("How the B2B meetings work"),
            paragraph(
                "<p>Each participant says what they offer and what they are looking for, and "
                "asks for meetings with the participants who fit. Accepted meetings are given a "
                "time and a table, so that nobody has two meetings at once.</p>"
            ),
            heading("Training Centre for Cluster Development"),
            paragraph(
                "<p>The training centre is part of the Cluster House model of support for "
                "clusters, start-ups and established small businesses: business information, "
                "consulting, training, communication, matchmaking and promotion.</p>"
            ),
            call_to_action(
                "Events",
                "Conferences, cluster clubs, trainings and fairs of the network.",
                "See the events",
                "events",
            ),
        ],
        categories=("events",),
        tags=("b2b", "training", "nis"),
        authors=("events",),
        lead_image="b2b-meetings",
    ),
    Article(
        slug="infocluster-and-clusters-in-serbia-tv",
        date=datetime.date(2026, 2, 10),
        title="Infocluster and “Clusters in Serbia”: the network's own media",
        intro=(
            "Members of the network are featured in Infocluster, the magazine for clusters in "
            "Serbia, and in the cable TV show Clusters in Serbia. Infocluster now also comes by "
            "e-mail."
        ),
        body=[
            paragraph(
                "<p><i>Infocluster</i> is the one magazine devoted to clusters in Serbia: news "
                "from clusters and their members, calls for projects and events from across the "
                "network. The cable TV show <i>Clusters in Serbia</i> presents clusters and "
                "their companies on screen.</p>"
                "<p>Both are among the twelve reasons clusters give for joining the network, "
                "and network membership is free.</p>"
            ),
            heading("Infocluster by e-mail"),
            paragraph(
                "<p>Subscribers receive each new issue of Infocluster by e-mail, with the latest "
                "news and events of the network, and can unsubscribe with one click.</p>"
            ),
            call_to_action(
                "Stay informed",
                "Infocluster brings news, calls for projects and events from the network.",
                "Subscribe to Infocluster",
                "newsletter",
            ),
        ],
        categories=("infocluster", "cluster-news"),
        tags=("infocluster", "media"),
        authors=("editorial",),
        lead_image="membership",
    ),
    Article(
        slug="days-of-clusters-nis-2026",
        date=datetime.date(2026, 9, 15),
        title="Days of Clusters returns to Niš in October",
        intro=(
            "As every October, clusters, companies and institutions from Serbia and abroad meet "
            "in Niš for Days of Clusters, the network's international conference."
        ),
        body=[
            paragraph(
                "<p>Days of Clusters brings together cluster managers, member companies, "
                "universities, public institutions and international partners to share what "
                "works in cluster development and to find partners for new projects. Taking "
                "part is one of the twelve reasons clusters give for joining the network.</p>"
            ),
            heading("Meetings, not only talks"),
            paragraph(
                "<p>As at the Business Cluster Clubs, participants can book B2B meetings with "
                "one another. Registration opens on the events page.</p>"
            ),
            call_to_action(
                "Days of Clusters",
                "The conference and the network's other events.",
                "See the events",
                "events",
            ),
        ],
        categories=("events",),
        tags=("nis", "conference", "b2b"),
        authors=("events",),
        lead_image="days-of-clusters",
    ),
]

# Serbian translations of some articles, by the English slug ------------------------------------

TRANSLATIONS_SR_LATN = {
    "ministry-brochure-twenty-serbian-clusters": {
        "slug": "brosura-ministarstva-dvadeset-srpskih-klastera",
        "title": "Dvadeset klastera u brošuri ministarstva „Klasteri Srbije”",
        "intro": (
            "Ministarstvo ekonomije i regionalnog razvoja objavilo je brošuru o dvadeset "
            "klastera koje podržava kroz Program podrške razvoju klastera."
        ),
        "body": [
            paragraph(
                "<p>Brošura opisuje ciljeve i aktivnosti svakog klastera, njegove članice, broj "
                "zaposlenih i promet, i kako se do njega dolazi. Prati dugoročni Program podrške "
                "razvoju klastera ministarstva za period 2006–2011, koji je 2007. sproveden uz "
                "finansijsku podršku Vlade Kraljevine Norveške.</p>"
                "<p>Cilj programa je da podrži razvoj privatnog sektora, nova radna mesta i "
                "izvoz jačanjem veza između kompanija, istraživačkih institucija i poslovnih "
                "udruženja.</p>"
            ),
            heading("Podrška u fazama"),
            paragraph(
                "<p>Klasteri konkurišu za bespovratna sredstva na javnim pozivima. Sredstva "
                "pokrivaju najviše 50% prihvatljivih troškova aktivnosti klastera, a podrška "
                "prati fazu razvoja klastera: nove klasterske inicijative, početni rad "
                "osnovanih klastera, rast i komercijalizaciju, a od 2009. i održivost, sa vezama "
                "ka međunarodnim poslovnim mrežama, zajedničkim inovacionim projektima i "
                "inovacionom infrastrukturom.</p>"
            ),
            table(
                [
                    ["Faza razvoja", "Klasteri"],
                    ["Nove klasterske inicijative (1. faza)", "4"],
                    ["Početni rad osnovanih klastera (2. faza)", "6"],
                    ["Rast i komercijalizacija (3. faza)", "4"],
                    ["Osnovani uz podršku ministarstva, sada samostalni", "6"],
                ],
                caption="Dvadeset klastera iz brošure po fazama razvoja",
            ),
            heading("Od cveća do softvera"),
            paragraph(
                "<p>Klasteri dolaze iz poljoprivrede i prehrambene industrije, metaloprerade, "
                "automobilske industrije, drvoprerade, plastike, industrije kože i obuće, "
                "reciklaže, IT sektora, građevinarstva i turizma. Među njima su Autoklaster "
                "Srbije, Srpski softverski klaster, Građevinski klaster DUNĐER iz Niša, "
                "knjaževački klaster obućara i Klaster medicinskog turizma.</p>"
            ),
            quote(
                "Dinamična i efikasna interakcija i saradnja privrede, istraživačke zajednice i "
                "obrazovnih centara presudni su za privredni rast i podsticanje inovacionih "
                "procesa.",
                "Mlađan Dinkić",
                "ministar ekonomije i regionalnog razvoja, u predgovoru brošure",
            ),
        ],
    },
    "wood-processing-and-furniture-clusters": {
        "slug": "drvo-i-namestaj-dva-klastera",
        "title": "Drvo i nameštaj: dva klastera, jedan cilj",
        "intro": (
            "Nacionalni drvoprerađivački klaster sa više od sto kompanija i regionalni klaster "
            "nameštaja u Šumadiji rade na tome da srpski proizvodi od drveta budu "
            "konkurentniji u inostranstvu."
        ),
        "body": [
            heading("Agencija za drvo"),
            paragraph(
                "<p>Srpski drvoprerađivački klaster, Agencija za drvo, osnovan je 2005. Njegove "
                "članice su kompanije iz proizvodnje, trgovine i pratećih usluga, zajedno sa "
                "Šumarskim, Arhitektonskim, Građevinskim i Ekonomskim fakultetom Univerziteta u "
                "Beogradu, Institutom za ispitivanje materijala i Udruženjem srednjih "
                "drvoprerađivačkih škola Srbije.</p>"
                "<p>Klaster je organizovao Regionalnu konferenciju drvoprerađivačkih klastera u "
                "Beogradu i osnovao Mrežu drvoprerađivačkih klastera Centralne i Jugoistočne "
                "Evrope, kojom predsedava. Njegov pilot-projekat „Inovativno drvoprerađivačko "
                "preduzeće” sproveden je u tri kompanije članice.</p>"
            ),
            heading("Netwood u Šumadiji i Pomoravlju"),
            paragraph(
                "<p>Netwood je osnovan u Kragujevcu 2007. da okupi proizvođače nameštaja "
                "Šumadije i Pomoravlja. Vodi bazu podataka proizvođača nameštaja u regionu i "
                "servisni centar sa poslovnim informacijama, stručnim i pravnim savetima i "
                "poslovnim umrežavanjem, predstavio je sve svoje članice zajedno na Sajmu "
                "nameštaja u Beogradu i sarađuje sa češkim klasterom nameštaja.</p>"
            ),
            table(
                [
                    ["", "Agencija za drvo", "Netwood"],
                    ["Osnovan", "2005", "2007"],
                    ["Kompanije", "107", "9"],
                    ["Istraživačke i institucije podrške", "6", "3"],
                    ["Zaposleni", "5.000", "180"],
                ],
                caption="Dva drvna klastera uporedo",
                header_column=True,
            ),
        ],
    },
    "serbian-cluster-network-in-figures": {
        "slug": "srpska-klasterska-mreza-u-brojkama",
        "title": "Srpska klasterska mreža: 47 klasterskih organizacija na jednoj platformi",
        "intro": (
            "U Srbiji radi više od 80 klastera, sa preko 47.000 članica i oko 120.000 "
            "zaposlenih. Platforma za saradnju koju vodi Klaster kuća okuplja 47 njihovih "
            "organizacija."
        ),
        "body": [
            paragraph(
                "<p>Klaster kuća, organizacija za razvoj poslovanja iz Niša, pokrenula je Srpsku "
                "klastersku mrežu i koordinira je. Mreža počiva na memorandumima o razumevanju "
                "potpisanim 2012. sa Zajednicom srpskih klastera i Privrednom komorom Srbije, uz "
                "podršku državnih institucija, akademske zajednice i međunarodnih programa kao "
                "što su LEDIB i LEADER.</p>"
            ),
            table(
                [
                    ["Klasteri u Srbiji", "više od 80"],
                    ["Članice klastera", "više od 47.000"],
                    ["Mala i srednja preduzeća među njima", "oko 85%"],
                    ["Zaposleni", "oko 120.000"],
                    ["Klasterske organizacije na platformi za saradnju", "47"],
                ],
                caption="Klasteri u Srbiji",
                header_row=False,
                header_column=True,
            ),
            heading("Preko granice"),
            paragraph(
                "<p>Klaster kuća koordinira i Balkan Cluster, onlajn platformu za prekograničnu "
                "saradnju klastera iz Bugarske i Srbije sa više od 35 klastera članica. Njen "
                "Info centar održava poslovnu mrežu od više od 3.000 kontakata: stručnjaka za "
                "ekonomski razvoj, institucija i preduzetnika u regionu i širom sveta.</p>"
            ),
            call_to_action(
                "Pridružite se mreži",
                "Članstvo u mreži je besplatno za klastere i njihove članice.",
                "Zašto se učlaniti",
                "membership",
            ),
        ],
    },
    "ict-cluster-vojvodina-bronze-label": {
        "slug": "ikt-klaster-iz-vojvodine-bronzana-oznaka",
        "title": "IKT klaster iz Vojvodine nosi bronzanu oznaku",
        "intro": (
            "Osnovan 12. jula 2010, klaster je objavio svoj profil na Evropskoj platformi za "
            "saradnju klastera, sa bronzanom oznakom za upravljanje klasterom."
        ),
        "body": [
            paragraph(
                "<p>Misija klastera je efikasan i transparentan okvir u kome kompanije članice "
                "izražavaju i ostvaruju svoje interese. Klaster promoviše Srbiju u svetu kao "
                "snažnu destinaciju za industriju informacionih i komunikacionih tehnologija, "
                "radi na privlačenju privatnih i javnih investicija i član je mreže BBS ICT "
                "Cluster Network.</p>"
            ),
            table(
                [
                    ["Osnovan", "12. jula 2010"],
                    ["Region", "Vojvodina"],
                    ["Oznaka izvrsnosti klastera", "Bronzana"],
                    ["Sektori", "Poslovne usluge; obrazovanje i stvaranje znanja"],
                    [
                        "Tehnološke oblasti",
                        "Elektrotehnika; ugrađeni sistemi i sistemi u realnom vremenu",
                    ],
                    ["Nove industrije", "Kreativne industrije; digitalne industrije"],
                    ["Mreža", "BBS ICT Cluster Network"],
                ],
                caption="Profil ukratko",
                header_row=False,
                header_column=True,
            ),
            heading("Usluge za članice"),
            paragraph(
                bullets(
                    [
                        "Pomoć u razvojnim projektima: pisanje, pronalaženje novca, praćenje "
                        "sprovođenja i vođenje finansija.",
                        "Konferencije i stručni događaji na kojima članice i strani partneri "
                        "pokazuju šta umeju.",
                        "Tematski B2B događaji za susret sa mnogo srpskih IKT kompanija na "
                        "jednom mestu.",
                        "Redovne vesti o pozivima, tenderima, podsticajima i događajima u zemlji "
                        "i inostranstvu.",
                        "Svaki upit za IKT proizvode ili usluge koji stigne do klastera "
                        "prosleđuje se članicama.",
                    ]
                )
            ),
            paragraph(
                "<p>U inostranstvu je glavni cilj klastera Sjedinjene Američke Države, sa "
                "misijama, događajima, studijskim posetama i sajmovima.</p>"
            ),
        ],
    },
    "serbia-innovates-supercluster-selection": {
        "slug": "srbija-inovira-izbor-superklastera",
        "title": "Srbija inovira: jedan superklaster dobija podršku do juna 2025",
        "intro": (
            "Pilot-faza završena je u junu 2023. Program sada razmatra rezultate da bi izabrao "
            "jedan superklaster koji zadržava podršku do juna 2025."
        ),
        "body": [
            paragraph(
                "<p>Tri stvari odlučuju koji superklaster nastavlja: šta je postigao tokom "
                "pilot-faze, njegov trogodišnji plan i globalna pozicija Srbije u njegovoj "
                "oblasti.</p>"
            ),
            table(
                [
                    ["Faza", "Kada"],
                    ["Obuka izabranih konzorcijuma", "Pre pilot-faze"],
                    ["Pilot-superklasteri", "April 2022 – jun 2023"],
                    ["Izbor jednog superklastera", "Posle pilot-faze"],
                    ["Finansijska podrška izabranom superklasteru", "Do juna 2025"],
                ],
                caption="Srbija inovira, faza po faza",
            ),
            heading("Napravljen da traje"),
            paragraph(
                "<p>Uz podršku, program sa članicama superklastera razvija održiv način rada, "
                "da bi superklaster nastavio i posle završetka programa. Sistem praćenja i "
                "evaluacije prati njegov napredak, a plan se prilagođava onome što je "
                "superklasteru potrebno.</p>"
            ),
        ],
    },
    "business-cluster-clubs-b2b-and-training": {
        "slug": "poslovni-klaster-klubovi-b2b-i-obuke",
        "title": "Poslovni klaster klubovi: B2B sastanci i trening centar",
        "intro": (
            "Poslovni klaster klubovi nastavljaju sa B2B sastancima kompanija članica, a "
            "Trening centar za razvoj klastera otvoren je za svaku članicu mreže."
        ),
        "body": [
            paragraph(
                "<p>Na Poslovnim klaster klubovima članice mreže se sastaju, predstavljaju svoje "
                "kompanije i održavaju kratke, unapred dogovorene B2B sastanke sa mogućim "
                "partnerima. Uz sajmove i izložbe, klubovi su jedan od dvanaest razloga zbog "
                "kojih se klasteri učlanjuju u mrežu.</p>"
            ),
            heading("Kako teku B2B sastanci"),
            paragraph(
                "<p>Svaki učesnik kaže šta nudi i šta traži i zakazuje sastanke sa učesnicima "
                "koji mu odgovaraju. Prihvaćeni sastanci dobijaju vreme i sto, tako da niko "
                "nema dva sastanka u isto vreme.</p>"
            ),
            heading("Trening centar za razvoj klastera"),
            paragraph(
                "<p>Trening centar deo je modela podrške Klaster kuće klasterima, startapima i "
                "postojećim malim preduzećima: poslovne informacije, konsalting, obuke, "
                "komunikacija, povezivanje partnera i promocija.</p>"
            ),
            call_to_action(
                "Događaji",
                "Konferencije, klaster klubovi, obuke i sajmovi mreže.",
                "Pogledajte događaje",
                "events",
            ),
        ],
    },
    "infocluster-and-clusters-in-serbia-tv": {
        "slug": "infocluster-i-klasteri-u-srbiji",
        "title": "Infocluster i „Klasteri u Srbiji”: mediji same mreže",
        "intro": (
            "Članice mreže predstavljaju se u Infocluster-u, časopisu za klastere u Srbiji, i "
            "u kablovskoj TV emisiji Klasteri u Srbiji. Infocluster sada stiže i e-poštom."
        ),
        "body": [
            paragraph(
                "<p><i>Infocluster</i> je jedini časopis posvećen klasterima u Srbiji: vesti iz "
                "klastera i njihovih članica, pozivi za projekte i događaji iz cele mreže. "
                "Kablovska TV emisija <i>Klasteri u Srbiji</i> predstavlja klastere i njihove "
                "kompanije na ekranu.</p>"
                "<p>Oba su među dvanaest razloga zbog kojih se klasteri učlanjuju u mrežu, a "
                "članstvo u mreži je besplatno.</p>"
            ),
            heading("Infocluster e-poštom"),
            paragraph(
                "<p>Pretplatnici dobijaju svaki novi broj Infocluster-a e-poštom, sa najnovijim "
                "vestima i događajima mreže, i mogu da se odjave jednim klikom.</p>"
            ),
            call_to_action(
                "Budite u toku",
                "Infocluster donosi vesti, pozive za projekte i događaje iz mreže.",
                "Pretplatite se na Infocluster",
                "newsletter",
            ),
        ],
    },
    "automotive-cluster-of-serbia": {
        "slug": "autoklaster-srbije",
        "title": (
            "Autoklaster Srbije: 22 kompanije ciljaju lance snabdevanja proizvođača automobila"
        ),
        "intro": (
            "AC Serbia okuplja proizvođače auto-delova i opreme koji žele isplativo mesto među "
            "dobavljačima međunarodnih proizvođača automobila."
        ),
        "body": [
            paragraph(
                "<p>Autoklaster Srbije je mreža srpskih kompanija i institucija koje proizvode "
                "auto-delove i opremu, i usluga vezanih za njih. Osnovan je u novembru 2005. uz "
                "podršku Vlade Republike Srbije i Nemačkog društva za tehničku saradnju "
                "(GTZ).</p>"
            ),
            table(
                [
                    ["Pokazatelj", "Vrednost"],
                    ["Kompanije", "22"],
                    ["Istraživačke i institucije podrške", "5"],
                    ["Zaposleni", "8.100"],
                    ["Promet (2007)", "140 miliona evra"],
                ],
                caption="AC Serbia u brojkama",
            ),
            heading("Čime se klaster bavi"),
            paragraph(
                bullets(
                    [
                        "Obuke sa domaćim i međunarodnim partnerima iz oblasti CATIA V5, Value "
                        "Stream Mapping i Quality Planning.",
                        "Zajednički štandovi na međunarodnim sajmovima, među njima Equip Auto "
                        "Paris, Automechanika i Hanoverski sajam.",
                        "Automotive SEE Cluster, regionalna platforma osnovana sa klasterima iz "
                        "regiona.",
                        "Partnerstvo u projektu UNIDO-a koji pomaže srpskim proizvođačima i "
                        "dobavljačima u automobilskoj industriji da izađu na međunarodna "
                        "tržišta.",
                        "Obuka internih proveravača sistema kvaliteta ISO TS 16949, sa GTZ-om i "
                        "USAID-om 2009. godine.",
                    ]
                )
            ),
        ],
    },
    "serbia-innovates-pilot-superclusters": {
        "slug": "srbija-inovira-pilot-superklasteri",
        "title": "Srbija inovira: pilot-superklasteri počinju u aprilu",
        "intro": (
            "Četvorogodišnji program Srbija inovira, koji je ICT Hub pokrenuo uz podršku "
            "USAID-a, od aprila 2022. do juna 2023. pilotira superklastere u četiri oblasti."
        ),
        "body": [
            paragraph(
                "<p>Superklaster dovodi mala i srednja preduzeća, startape, investitore, "
                "univerzitete i državne institucije u blisku saradnju u jednoj oblasti, da bi "
                "inovacije išle brže, a problemi koje nijedna članica ne bi rešila sama bili "
                "rešeni zajedno. Pre početka pilot-faze izabrani konzorcijumi obučavaju se u "
                "konceptima, veštinama i alatima za vođenje superklastera.</p>"
            ),
            table(
                [
                    ["Oblast", "Gde se primenjuje"],
                    [
                        "Web3 i blokčejn",
                        "Finansije, obrazovanje, zdravstvo, javna uprava, sajber bezbednost, "
                        "saobraćaj",
                    ],
                    [
                        "Agro-prehrambene tehnologije",
                        "Primarna poljoprivreda, prerada i proizvodnja hrane, trgovina",
                    ],
                    [
                        "Gejming i virtuelna realnost",
                        "Trgovina i marketing, zabava, ozbiljne igre i EdTech, MedTech",
                    ],
                    [
                        "Medicinske tehnologije i biotehnologija",
                        "Farmacija, BioTech, MedTech, HealthTech",
                    ],
                ],
                caption="Četiri oblasti",
            ),
            heading("Šta pilot-faza treba da pokaže"),
            paragraph(
                "<p>Tokom pilot-faze svaki konzorcijum gradi infrastrukturu svog superklastera i "
                "pokreće bar jedan zajednički projekat sa drugim članicama. Cilj faze je da "
                "potvrdi da model funkcioniše u praksi.</p>"
            ),
            call_to_action(
                "Srbija inovira",
                "Program, njegove faze i četiri oblasti.",
                "Više o programu",
                "serbia-innovates",
            ),
        ],
    },
    "balkan-cluster-day-nis-2016": {
        "slug": "balkanski-dan-klastera-nis-2016",
        "title": "Balkanski dan klastera okupio klastere regiona u Nišu",
        "intro": (
            "Klasteri iz Srbije i njihovi partneri iz regiona Balkana i Crnog mora sastali su se "
            "25. marta 2016. u Nišu na Balkanskom danu klastera."
        ),
        "body": [
            paragraph(
                "<p>Balkanski dan klastera, u organizaciji Klaster kuće, okupio je menadžere "
                "klastera, kompanije članice i partnerske institucije u Nišu, sedištu Klaster "
                "kuće i Srpske klasterske mreže. Tema dana bila je šta klasteri mogu zajedno da "
                "postignu preko granica: zajedničke projekte, pristup razvojnim fondovima i nova "
                "tržišta za svoje članice.</p>"
            ),
            heading("Zašto region"),
            paragraph(
                "<p>Klaster kuća osnovana je 2011. godine na inicijativu sedam klastera iz "
                "jugoistočne Srbije, uz tehničku podršku danskog programa LEDIB za lokalni "
                "ekonomski razvoj na Balkanu, da bi podržala ekonomski razvoj zasnovan na "
                "klasterima u regionu Balkana i Crnog mora. Njen plan rasta je Balkanska i "
                "crnomorska klasterska mreža, koja povezuje klastere i mala preduzeća regiona sa "
                "evropskim i svetskim klasterskim organizacijama.</p>"
                "<p>Balkan Cluster, njena onlajn platforma za prekograničnu saradnju Bugarske i "
                "Srbije, već ima više od 35 klastera članica.</p>"
            ),
        ],
    },
    "serbian-cluster-association-founded": {
        "slug": "osnovana-srpska-klasterska-asocijacija",
        "title": "Sedam klastera osnovalo Srpsku klastersku asocijaciju",
        "intro": (
            "Posle godina saradnje, sedam klastera iz IKT, automobilske, metalske i modne "
            "industrije osnovalo je SCAN, nacionalno krovno udruženje klastera."
        ),
        "body": [
            paragraph(
                "<p>Osnivači Srpske klasterske asocijacije su:</p>"
                + bullets(FOUNDING_CLUSTERS["sr-latn"])
            ),
            table(
                [
                    ["Klasteri osnivači", "Zaposleni u njihovim članicama", "Godišnji prihod"],
                    ["7", "30.000+", "više od milijardu evra, najvećim delom od izvoza"],
                ],
                caption="Osnivači u brojkama",
            ),
            heading("Šta će asocijacija raditi"),
            paragraph(
                "<p>SCAN će biti platforma na kojoj klasteri sarađuju i podržavaće nove "
                "klasterske inicijative dok nastaju i rastu. Gradiće mrežu partnera među domaćim "
                "i međunarodnim institucijama i donatorskom zajednicom i daće klasterima, zajedno "
                "sa privredom i akademskom zajednicom, zajednički glas prema državi.</p>"
            ),
            quote(
                "Priča o klasterima je priča o drugarstvu, solidarnosti, fokusu, zajedničkim "
                "ciljevima i uspehu.",
                "Srpska klasterska asocijacija",
            ),
            call_to_action(
                "O asocijaciji",
                "Klasteri osnivači i šira Srpska klasterska mreža.",
                "O nama",
                "about",
            ),
        ],
    },
    "days-of-clusters-nis-2026": {
        "slug": "dani-klastera-nis-2026",
        "title": "Dani klastera ponovo u Nišu u oktobru",
        "intro": (
            "Kao i svakog oktobra, klasteri, kompanije i institucije iz Srbije i inostranstva "
            "sastaju se u Nišu na Danima klastera, međunarodnoj konferenciji mreže."
        ),
        "body": [
            paragraph(
                "<p>Dani klastera okupljaju menadžere klastera, kompanije članice, univerzitete, "
                "javne institucije i međunarodne partnere da razmene iskustva o tome šta u "
                "razvoju klastera daje rezultate i da pronađu partnere za nove projekte. Učešće "
                "je jedan od dvanaest razloga zbog kojih se klasteri učlanjuju u mrežu.</p>"
            ),
            heading("Sastanci, ne samo predavanja"),
            paragraph(
                "<p>Kao i na Poslovnim klaster klubovima, učesnici mogu da zakažu B2B sastanke "
                "jedni sa drugima. Prijave se otvaraju na stranici događaja.</p>"
            ),
            call_to_action(
                "Dani klastera",
                "Konferencija i ostali događaji mreže.",
                "Pogledajte događaje",
                "events",
            ),
        ],
    },
}

# Translations of English articles by language, each by the English article's slug.
# The Cyrillic ones are their twins (twins/).
TRANSLATIONS = {"sr-latn": TRANSLATIONS_SR_LATN}

# The tags of the articles in Serbian (the Cyrillic twins get them in Cyrillic).
TAGS_SR_LATN = {
    "automotive": "automobilska industrija",
    "b2b": "b2b",
    "balkan": "balkan",
    "conference": "konferencija",
    "export": "izvoz",
    "funding": "finansiranje",
    "ict": "ikt",
    "infocluster": "infoklaster",
    "innovation": "inovacije",
    "media": "mediji",
    "ministry": "ministarstvo",
    "network": "mreža",
    "nis": "niš",
    "sme": "msp",
    "supercluster": "superklaster",
    "training": "obuka",
    "usaid": "usaid",
    "vojvodina": "vojvodina",
    "wood": "drvo",
}
TAGS = {"sr-latn": TAGS_SR_LATN}

# The articles ``seed_demo --subset`` (the tests) writes: every translated one, and two more
# (the Automotive Cluster of Serbia in figures, and one of the calls and funding).
SUBSET = (
    "automotive-cluster-of-serbia",
    "balkan-cluster-day-nis-2016",
    "serbian-cluster-association-founded",
    "serbia-innovates-pilot-superclusters",
    "days-of-clusters-nis-2026",
)
