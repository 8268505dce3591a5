"""The demo site's texts: pages, menus and footer in English, Serbian Latin and Serbian Cyrillic.

Written for the demo from the public source documents the platform was specified from; the
names, figures and dates are theirs. Page bodies are StreamField data, a list of
``(block type, value)`` pairs built with the helpers of ``demo.blocks``, whose ``PageRef`` and
``ImageRef`` stand for rows the ``seed_demo`` command looks up when it writes the pages.

The demo writes English and Serbian Latin; the Cyrillic pages and snippets are the Latin ones'
twins (twins/), in which international names and acronyms (VOICT, NiCAT, SCAN, Infocluster,
...) stay in Latin script, as Serbian texts write them: ``PROTECTED_TERMS``.
"""

from demo.blocks import (
    ImageRef,
    PageRef,
    bullets,
    call_to_action,
    heading,
    image,
    paragraph,
    quote,
    table,
)
from demo.clusters import DIRECTORY_FIELDS
from demo.events import EVENT_INDEX, EVENT_INDEX_SR_LATN
from demo.pages_sr_latn import (
    DIRECTORY_SR_LATN,
    MEMBERSHIP_SR_LATN,
    NEWSLETTER_SR_LATN,
    SERBIA_INNOVATES_DOMAINS_SR_LATN,
    SERBIA_INNOVATES_SR_LATN,
)

SITE_NAME = "Serbian Cluster Association"

# The Latin terms the demo's Serbian texts keep in Latin in Cyrillic too (twins.models
# ScriptSettings.protected_terms): the acronyms and names that the transliteration would
# otherwise turn into Cyrillic. Foreign-looking words (NiCAT, Web3) stay Latin by themselves.
PROTECTED_TERMS = (
    "AC Serbia",
    "CATIA V5",
    "Value Stream Mapping",
    "Quality Planning",
    "Equip Auto Paris",
    "Automechanika",
    "Automotive SEE Cluster",
    "ICT Hub",
    "BBS ICT Cluster Network",
    "LEADER",
    "SCAN",
    "VOICT",
    "ICT",
    "VMC",
    "FACTS",
    "NiCAT",
    "LEDIB",
    "Balkan Cluster",
    "B2B",
)

SITE_SETTINGS = {
    "organisation_name": SITE_NAME,
    "organisation_name_sr": "Srpska klasterska asocijacija",
    "email": "info@example.org",
    "address": "Niš\nSerbia",
}

FOUNDING_CLUSTERS = {
    "en": [
        "Vojvodina ICT Cluster – VOICT",
        "Autocluster Serbia",
        "ICT Network",
        "Vojvodina Metal Cluster – VMC",
        "Fashion and Apparel Cluster of Serbia – FACTS",
        "Niš Cluster of Advanced Technologies – NiCAT",
        "ICT Cluster of Central Serbia",
    ],
    "sr-latn": [
        "Vojvođanski IKT klaster – VOICT",
        "Autoklaster Srbije",
        "ICT Network",
        "Vojvođanski metalski klaster – VMC",
        "Klaster modne i odevne industrije Srbije – FACTS",
        "Niški klaster naprednih tehnologija – NiCAT",
        "IKT klaster Centralne Srbije",
    ],
}


# English ---------------------------------------------------------------------------------

HOME = {
    "title": SITE_NAME,
    "hero_heading": "Serbia's clusters, working as one network",
    "hero_text": (
        "The umbrella association of clusters in Serbia: common ground where clusters, their "
        "member companies, universities and institutions find partners and speak with one voice."
    ),
    "hero_image": ImageRef("hero"),
    "hero_cta_label": "Why join",
    "hero_cta_page": PageRef("membership"),
    "listing_image": ImageRef("hero"),
    "listing_summary": (
        "The umbrella association of Serbian clusters: cooperation, new cluster initiatives "
        "and a common voice."
    ),
    "search_description": (
        "The Serbian Cluster Association brings together clusters from across the Serbian "
        "economy, from ICT and the automotive industry to metalworking and fashion."
    ),
    "intro": (
        "<p>Seven clusters from different sectors founded the <b>Serbian Cluster "
        "Association</b> to turn years of working together into a shared platform. The "
        "companies in these clusters employ more than 30,000 people and earn over a billion "
        "euros a year, most of it from exports.</p>"
    ),
    "body": [
        heading("What we do"),
        paragraph(
            bullets(
                [
                    "We connect clusters with each other and with partners in Serbia and abroad.",
                    "We help new cluster initiatives to start and to grow.",
                    "We build a network of partners among national and international "
                    "institutions and the donor community.",
                    "We give clusters a common voice towards government, business and academia.",
                ]
            )
        ),
        table(
            [
                ["Founding clusters", "People employed by their members", "Yearly revenue"],
                ["7", "30,000+", "over €1 billion"],
            ],
            caption="The founding clusters in figures",
        ),
        call_to_action(
            "Serbia Innovates",
            "Superclusters in four domains where the Serbian economy can grow fastest: Web3, "
            "agri-food tech, gaming and medical technology.",
            "Read about the programme",
            "serbia-innovates",
        ),
    ],
}

ABOUT = {
    "title": "About us",
    "listing_image": ImageRef("about"),
    "listing_summary": (
        "The umbrella association of Serbian clusters, its seven founding clusters and the "
        "wider Serbian Cluster Network."
    ),
    "search_description": (
        "The story of the Serbian Cluster Association (SCAN), its seven founding clusters and "
        "the Serbian Cluster Network coordinated by Cluster House."
    ),
    "intro": (
        "The Serbian Cluster Association (SCAN) is the umbrella organisation of clusters in "
        "Serbia: the place where clusters from every sector meet, work together and speak with "
        "one voice."
    ),
    "body": [
        heading("From cooperation to an association"),
        paragraph(
            "<p>SCAN did not start from nothing. Clusters in Serbia had worked together for "
            "years before they decided to give that cooperation a formal home, and founding a "
            "national association was the logical next step: one joint platform instead of "
            "many separate arrangements.</p>"
            "<p>As a national association, SCAN supports new cluster initiatives and helps "
            "existing clusters develop. It builds a network of partners among national and "
            "international institutions and the donor community, and it gives clusters, "
            "together with business and academia, a common platform for advocacy towards "
            "government.</p>"
        ),
        heading("Our seven founding clusters"),
        paragraph(
            "<p>Seven clusters from different sectors founded the association:</p>"
            + bullets(FOUNDING_CLUSTERS["en"])
        ),
        table(
            [
                ["Figure", "Value"],
                ["Founding clusters", "7"],
                ["People employed by their members", "30,000+"],
                ["Yearly revenue of their members", "over €1 billion, mostly from exports"],
            ],
            caption="The founding clusters at a glance",
        ),
        heading("Why clusters need an umbrella"),
        paragraph(
            "<p>Clusters are not new in Serbia. Some initiatives quickly grew into strong "
            "clusters, others are still developing, and some are still looking for their "
            "direction. Most of them meet the same obstacles: too little awareness of what "
            "cooperation within a cluster can achieve, thin management capacity and know-how, "
            "and a chronic shortage of funding.</p>"
            "<p>The association is there to help with exactly that: a common vessel that "
            "Serbian clusters can join and use on the way to a strong and healthy cluster "
            "landscape.</p>"
        ),
        quote(
            "The story about clusters is the story of comradeship, solidarity, focus, shared "
            "goals and success.",
            "Serbian Cluster Association",
        ),
        image(
            "about",
            caption="Seven founding clusters, one network",
            alt_text="Seven groups of connected dots, linked to one another",
        ),
        heading("Cluster House and the Serbian Cluster Network"),
        paragraph(
            "<p>Cluster House is a business development organisation from Niš that supports "
            "cluster-based economic development in the Balkan and Black Sea region. It was "
            "founded in 2011 on the initiative of seven clusters from South East Serbia, with "
            "technical support from the Danish LEDIB programme for local economic development "
            "in the Balkans.</p>"
            "<p>Since 2012, Cluster House has initiated and coordinated the Serbian Cluster "
            "Network, based on memoranda of understanding with the Serbian Clusters Community "
            "and the Serbian Chamber of Commerce and Industry. It facilitates the collaboration "
            "platform of 47 Serbian cluster organisations and runs Balkan Cluster, an online "
            "platform for cross-border cooperation between clusters in Bulgaria and Serbia.</p>"
        ),
        table(
            [
                ["Clusters in Serbia", "more than 80"],
                ["Cluster members", "more than 47,000, about 85% of them SMEs"],
                ["People employed", "about 120,000"],
                ["Cluster organisations on the collaboration platform", "47"],
            ],
            caption="Clusters in Serbia",
            header_row=False,
            header_column=True,
        ),
        heading("Infocluster, Days of Clusters and more", "h3"),
        paragraph(
            "<p>The network publishes <i>Infocluster</i>, the magazine for clusters in Serbia, "
            "and presents clusters in the cable TV show <i>Clusters in Serbia</i>. Every "
            "October it holds the international conference Days of Clusters in Niš, and it "
            "runs the Business Cluster Clubs, Balkan Cluster Day (Niš, 25 March 2016) and the "
            "Training Centre for Cluster Development.</p>"
        ),
        call_to_action(
            "Join the network",
            "Network membership is free for clusters and their members.",
            "Why join",
            "membership",
        ),
    ],
}

MEMBERSHIP = {
    "title": "Why join",
    "listing_image": ImageRef("membership"),
    "listing_summary": (
        "Twelve reasons why clusters and their members join the network: network membership is "
        "free, partner membership adds the association's services for a yearly fee."
    ),
    "search_description": (
        "Network membership of the Serbian cluster network is free; partner membership has a "
        "yearly fee. Twelve reasons to join: "
        "information, partners, funding advice, promotion, events and training."
    ),
    "intro": (
        "Clusters, their member companies and experts join to be better informed, better "
        "connected and better seen."
    ),
    "body": [
        heading("Twelve reasons to join"),
        paragraph(
            "<ol>"
            "<li>You hear in good time about calls, funds and events.</li>"
            "<li>You are part of the network of clusters across Serbia.</li>"
            "<li>You get help finding partners at home and abroad.</li>"
            "<li>You are offered the business services you actually need.</li>"
            "<li>You get advice on using local and international funds.</li>"
            "<li>You can take part in projects of Cluster House and its partners.</li>"
            "<li>You can count on professional and logistical support from Cluster House.</li>"
            "<li>You are featured in <i>Infocluster</i>, the one magazine devoted to clusters "
            "in Serbia.</li>"
            "<li>You are featured in the cable TV show <i>Clusters in Serbia</i>.</li>"
            "<li>You take part in Days of Clusters, the international conference held every "
            "October in Niš.</li>"
            "<li>You take part in the Business Cluster Clubs, trade fairs and exhibitions.</li>"
            "<li>You can learn at the Training Centre for Cluster Development.</li>"
            "</ol>"
        ),
        heading("Network membership is free"),
        paragraph(
            "<p>Joining the network costs nothing; the Partner level, a yearly fee, adds "
            "advisory services and member prices at our events. The network exists to create "
            "cluster synergy in "
            "Serbia and across the Balkan and Black Sea region: to develop cross-border, "
            "cluster-based projects for sustainable economic development, to reach development "
            "funds and to open new markets for its members.</p>"
        ),
        call_to_action(
            "Stay informed",
            "Infocluster brings news, calls for projects and events from the cluster network.",
            "Subscribe to Infocluster",
            "newsletter",
        ),
    ],
}

SERBIA_INNOVATES = {
    "title": "Serbia Innovates",
    "listing_image": ImageRef("serbia-innovates"),
    "listing_summary": (
        "A four-year programme that builds superclusters in four domains with the strongest "
        "growth potential for the Serbian economy."
    ),
    "search_description": (
        "Serbia Innovates, launched by ICT Hub with USAID support: what a supercluster is, the "
        "pilot phase from April 2022 to June 2023, support until June 2025 and monitoring."
    ),
    "intro": (
        "Serbia Innovates is a four-year programme, launched by ICT Hub with the support of "
        "USAID, to make the Serbian economy more innovative in the segments with the greatest "
        "potential for growth. At its centre is the supercluster."
    ),
    "body": [
        heading("What is a supercluster?"),
        paragraph(
            "<p>A supercluster is a business model, proven around the world, in which small and "
            "medium-sized companies, start-ups, investors, universities and public institutions "
            "work closely together to speed up innovation in one domain.</p>"
            "<p>Problems that no member could solve alone are tackled together. Members pool "
            "their knowledge, their resources and their domestic and international expertise, "
            "align their goals and turn what they share into answers to real economic "
            "challenges.</p>"
        ),
        image(
            "serbia-innovates",
            caption="Four domains, one model of cooperation",
            alt_text="Four groups of connected dots in four colours",
        ),
        heading("How the programme runs"),
        table(
            [
                ["Phase", "When", "What happens"],
                [
                    "Training",
                    "Before the pilots",
                    "Selected consortia learn the concepts, skills and tools for managing a "
                    "supercluster.",
                ],
                [
                    "Pilot superclusters",
                    "April 2022 – June 2023",
                    "Each consortium builds its supercluster's infrastructure and starts at "
                    "least one joint project with other members, to show that the model works "
                    "in practice.",
                ],
                [
                    "Selection",
                    "After the pilots",
                    "One supercluster is chosen for its results in the pilot, its three-year "
                    "plan and Serbia's global position in its domain.",
                ],
                [
                    "Support",
                    "Until June 2025",
                    "The selected supercluster receives financial support, and a sustainable "
                    "way of working is developed with its members so that it carries on after "
                    "the programme ends.",
                ],
            ],
            caption="The programme's phases",
        ),
        heading("Monitoring and adaptation"),
        paragraph(
            "<p>A monitoring and evaluation system follows the supercluster's progress "
            "throughout. The key criteria are assessed continuously, the outcomes of "
            "individual actions are analysed, and the plan is adapted to what the supercluster "
            "needs.</p>"
        ),
        heading("Four domains"),
        paragraph("<p>The programme focuses on four domains, each described on its own page.</p>"),
    ],
}

SERBIA_INNOVATES_DOMAINS = [
    {
        "slug": "web3-blockchain",
        "title": "Web3 and blockchain",
        "listing_summary": (
            "Decentralised technologies that change how value is created and exchanged."
        ),
        "search_description": "The Web3 and blockchain domain of the Serbia Innovates programme.",
        "intro": (
            "Web3 and blockchain technologies are changing how value is created and exchanged, "
            "and they are fast becoming part of everyday life."
        ),
        "body": [
            heading("Where it applies"),
            paragraph(
                "<p>A decentralised internet opens new room for development in many fields:</p>"
                + bullets(
                    [
                        "finance",
                        "education",
                        "health",
                        "public administration",
                        "cyber security",
                        "transport",
                    ]
                )
            ),
        ],
    },
    {
        "slug": "agri-food-tech",
        "title": "Agri-food tech",
        "listing_summary": "Modern technology along the whole food chain, from the field to trade.",
        "search_description": "The agri-food technology domain of the Serbia Innovates programme.",
        "intro": (
            "This domain brings modern technologies and the solutions built on them to the "
            "whole food chain."
        ),
        "body": [
            heading("From the field to the shelf"),
            paragraph(
                "<p>It covers every step where technology can make a difference:</p>"
                + bullets(
                    [
                        "primary agriculture",
                        "food processing and production",
                        "trade in agricultural and food products",
                    ]
                )
            ),
        ],
    },
    {
        "slug": "gaming-virtual-reality",
        "title": "Gaming and virtual reality",
        "listing_summary": "Game technologies that serve many other industries.",
        "search_description": (
            "The gaming and virtual reality domain of the Serbia Innovates programme."
        ),
        "intro": (
            "Gaming is more than video games: its technologies have great potential in other "
            "industries too."
        ),
        "body": [
            heading("Beyond games"),
            paragraph(
                "<p>Game technology and virtual reality find uses in:</p>"
                + bullets(
                    [
                        "trade and marketing",
                        "the entertainment industry",
                        "serious games and EdTech",
                        "MedTech and health care",
                    ]
                )
            ),
        ],
    },
    {
        "slug": "medtech-biotech",
        "title": "Medical technology and biotechnology",
        "listing_summary": "Pharmaceuticals, BioTech, MedTech and HealthTech.",
        "search_description": (
            "The medical technology and biotechnology domain of the Serbia Innovates programme."
        ),
        "intro": (
            "This domain spans the pharmaceutical industry, BioTech, MedTech and HealthTech."
        ),
        "body": [
            heading("Innovation for health"),
            paragraph(
                "<p>With a multidisciplinary approach and support for innovation in these "
                "fields, the chances of solving many of the health problems people face grow "
                "considerably.</p>"
            ),
        ],
    },
]

NEWS_INDEX = {
    "title": "News",
    "listing_summary": "News from the association and its member clusters.",
    "search_description": (
        "News from the Serbian Cluster Association and its member clusters: calls and funding, "
        "events and Infocluster."
    ),
    "intro": (
        "News from the association and its member clusters: new cluster initiatives, calls "
        "and funding, events across the network and the latest from Infocluster."
    ),
}

# The newsletter's place in the page tree, which menus and calls to action choose. Its
# address is the newsletter app's own, newsletter/ in every language (the Serbian
# translation takes the same slug), where the subscription form answers before Wagtail's
# pages are looked up (association/urls.py): a reader who follows it from a menu, a search
# result or the sitemap lands on the form. Its text is what search shows.
NEWSLETTER_PAGES = {
    "newsletter": {
        "title": "Infocluster",
        "listing_summary": "Subscribe to the newsletter of the cluster network.",
        "search_description": (
            "Subscribe to Infocluster, the newsletter of the Serbian cluster network."
        ),
        "intro": (
            "Infocluster is the association's newsletter, with news, calls for projects and "
            "events from the cluster network, by e-mail."
        ),
    },
}

# The English tree below the home page, in menu order. A node names its page type when it is
# not a StandardPage; the articles below the news index are in ``demo.news``.
PAGES = [
    {"slug": "about", "fields": ABOUT},
    {"slug": "membership", "page_type": "membership.MembershipPage", "fields": MEMBERSHIP},
    {
        "slug": "serbia-innovates",
        "fields": SERBIA_INNOVATES,
        "children": [
            {"slug": domain["slug"], "fields": {k: v for k, v in domain.items() if k != "slug"}}
            for domain in SERBIA_INNOVATES_DOMAINS
        ],
    },
    {"slug": "news", "page_type": "news.NewsIndexPage", "fields": NEWS_INDEX},
    {
        "slug": "clusters",
        "page_type": "membership.ClusterDirectoryPage",
        "fields": DIRECTORY_FIELDS,
    },
    {"slug": "events", "page_type": "events.EventIndexPage", "fields": EVENT_INDEX},
    *({"slug": slug, "fields": fields} for slug, fields in NEWSLETTER_PAGES.items()),
]

# Serbian, Latin script -----------------------------------------------------------------------

HOME_SR_LATN = {
    "title": "Srpska klasterska asocijacija",
    "hero_heading": "Klasteri Srbije, povezani u jednu mrežu",
    "hero_text": (
        "Krovno udruženje klastera u Srbiji: zajednički prostor u kome klasteri, njihove "
        "članice, univerziteti i institucije pronalaze partnere i nastupaju jednim glasom."
    ),
    "hero_cta_label": "Zašto se učlaniti",
    "hero_cta_page": PageRef("membership"),
    "listing_summary": (
        "Krovno udruženje srpskih klastera: saradnja, nove klasterske inicijative i zajednički "
        "glas."
    ),
    "search_description": (
        "Srpska klasterska asocijacija okuplja klastere iz cele srpske privrede, od IKT i "
        "automobilske industrije do metalske i modne industrije."
    ),
    "intro": (
        "<p>Sedam klastera iz različitih sektora osnovalo je <b>Srpsku klastersku "
        "asocijaciju</b> kako bi dugogodišnju saradnju pretvorili u zajedničku platformu. "
        "Kompanije u ovim klasterima zapošljavaju više od 30.000 ljudi i godišnje ostvaruju "
        "prihod veći od milijardu evra, najvećim delom od izvoza.</p>"
    ),
    "body": [
        heading("Šta radimo"),
        paragraph(
            bullets(
                [
                    "Povezujemo klastere međusobno i sa partnerima u Srbiji i inostranstvu.",
                    "Pomažemo novim klasterskim inicijativama da krenu i rastu.",
                    "Gradimo mrežu partnera među domaćim i međunarodnim institucijama i "
                    "donatorskom zajednicom.",
                    "Dajemo klasterima zajednički glas prema državi, privredi i akademskoj "
                    "zajednici.",
                ]
            )
        ),
        table(
            [
                ["Klasteri osnivači", "Zaposleni u njihovim članicama", "Godišnji prihod"],
                ["7", "30.000+", "više od milijardu evra"],
            ],
            caption="Klasteri osnivači u brojkama",
        ),
        call_to_action(
            "Srbija inovira",
            "Superklasteri u četiri oblasti u kojima srpska privreda može najbrže da raste: "
            "Web3, agrotehnologije, gejming i medicinske tehnologije.",
            "Više o programu",
            "serbia-innovates",
        ),
    ],
}

ABOUT_SR_LATN = {
    "title": "O nama",
    "slug": "o-nama",
    "listing_summary": (
        "Krovno udruženje srpskih klastera, sedam klastera osnivača i šira Srpska klasterska mreža."
    ),
    "search_description": (
        "Priča o Srpskoj klasterskoj asocijaciji (SCAN), njenih sedam klastera osnivača i "
        "Srpskoj klasterskoj mreži koju koordinira Klaster kuća."
    ),
    "intro": (
        "Srpska klasterska asocijacija (SCAN) krovna je organizacija klastera u Srbiji: mesto "
        "gde se klasteri iz svih sektora sreću, sarađuju i nastupaju jednim glasom."
    ),
    "body": [
        heading("Od saradnje do asocijacije"),
        paragraph(
            "<p>SCAN nije nastao ni iz čega. Klasteri u Srbiji godinama su sarađivali pre nego "
            "što su odlučili da toj saradnji daju formalni okvir, a osnivanje nacionalnog "
            "udruženja bilo je logičan sledeći korak: jedna zajednička platforma umesto mnogo "
            "pojedinačnih dogovora.</p>"
            "<p>Kao udruženje na nacionalnom nivou, SCAN podržava nove klasterske inicijative i "
            "pomaže postojećim klasterima da se razvijaju. Gradi mrežu partnera među domaćim i "
            "međunarodnim institucijama i donatorskom zajednicom i daje klasterima, zajedno sa "
            "privredom i akademskom zajednicom, zajedničku platformu za zastupanje interesa "
            "prema državi.</p>"
        ),
        heading("Sedam klastera osnivača"),
        paragraph(
            "<p>Asocijaciju je osnovalo sedam klastera iz različitih sektora:</p>"
            + bullets(FOUNDING_CLUSTERS["sr-latn"])
        ),
        table(
            [
                ["Pokazatelj", "Vrednost"],
                ["Klasteri osnivači", "7"],
                ["Zaposleni u njihovim članicama", "30.000+"],
                ["Godišnji prihod njihovih članica", "više od milijardu evra, najviše od izvoza"],
            ],
            caption="Klasteri osnivači ukratko",
        ),
        heading("Zašto je klasterima potrebno krovno udruženje"),
        paragraph(
            "<p>Klasteri nisu novost u Srbiji. Neke inicijative brzo su prerasle u snažne "
            "klastere, druge se još razvijaju, a neke još traže svoj put. Većina nailazi na iste "
            "prepreke: premalo svesti o tome šta saradnja u klasteru može da postigne, skromne "
            "upravljačke kapacitete i znanje i hroničan nedostatak finansija.</p>"
            "<p>Asocijacija postoji da pomogne upravo u tome: kao zajednički okvir kome srpski "
            "klasteri mogu da se pridruže i koji mogu da koriste na putu ka snažnoj i zdravoj "
            "klasterskoj sceni.</p>"
        ),
        quote(
            "Priča o klasterima je priča o drugarstvu, solidarnosti, fokusu, zajedničkim "
            "ciljevima i uspehu.",
            "Srpska klasterska asocijacija",
        ),
        image(
            "about",
            caption="Sedam klastera osnivača, jedna mreža",
            alt_text="Sedam grupa povezanih tačaka, međusobno spojenih",
        ),
        heading("Klaster kuća i Srpska klasterska mreža"),
        paragraph(
            "<p>Klaster kuća je organizacija za razvoj poslovanja iz Niša koja podržava "
            "ekonomski razvoj zasnovan na klasterima u regionu Balkana i Crnog mora. Osnovana je "
            "2011. godine na inicijativu sedam klastera iz jugoistočne Srbije, uz tehničku "
            "podršku danskog programa LEDIB za lokalni ekonomski razvoj na Balkanu.</p>"
            "<p>Od 2012. godine Klaster kuća pokreće i koordinira Srpsku klastersku mrežu, na "
            "osnovu memoranduma o razumevanju sa Zajednicom srpskih klastera i Privrednom "
            "komorom Srbije. Ona vodi platformu za saradnju 47 srpskih klasterskih organizacija "
            "i platformu Balkan Cluster za prekograničnu saradnju klastera iz Bugarske i "
            "Srbije.</p>"
        ),
        table(
            [
                ["Klasteri u Srbiji", "više od 80"],
                ["Članice klastera", "više od 47.000, od toga oko 85% malih i srednjih preduzeća"],
                ["Zaposleni", "oko 120.000"],
                ["Klasterske organizacije na platformi za saradnju", "47"],
            ],
            caption="Klasteri u Srbiji",
            header_row=False,
            header_column=True,
        ),
        heading("Infocluster, Dani klastera i još mnogo toga", "h3"),
        paragraph(
            "<p>Mreža izdaje <i>Infocluster</i>, časopis za klastere u Srbiji, i predstavlja "
            "klastere u kablovskoj TV emisiji <i>Klasteri u Srbiji</i>. Svakog oktobra u Nišu "
            "održava međunarodnu konferenciju Dani klastera, a organizuje i Poslovne klaster "
            "klubove, Balkanski dan klastera (Niš, 25. mart 2016) i Trening centar za razvoj "
            "klastera.</p>"
        ),
        call_to_action(
            "Pridružite se mreži",
            "Članstvo u mreži je besplatno za klastere i njihove članice.",
            "Zašto se učlaniti",
            "membership",
        ),
    ],
}

NEWS_INDEX_SR_LATN = {
    "title": "Vesti",
    "slug": "vesti",
    "listing_summary": "Vesti asocijacije i njenih klastera članica.",
    "search_description": (
        "Vesti Srpske klasterske asocijacije i njenih klastera članica: pozivi i finansiranje, "
        "događaji i Infocluster."
    ),
    "intro": (
        "Vesti asocijacije i njenih klastera članica: nove klasterske inicijative, pozivi i "
        "finansiranje, događaji u mreži i novosti magazina Infocluster."
    ),
}

# Translations of English pages, by the page's path ("" is the home page); parents first.
TRANSLATIONS = {
    "sr-latn": {
        "": HOME_SR_LATN,
        "about": ABOUT_SR_LATN,
        "membership": MEMBERSHIP_SR_LATN,
        "serbia-innovates": SERBIA_INNOVATES_SR_LATN,
        **{
            f"serbia-innovates/{slug}": fields
            for slug, fields in SERBIA_INNOVATES_DOMAINS_SR_LATN.items()
        },
        "news": NEWS_INDEX_SR_LATN,
        "clusters": DIRECTORY_SR_LATN,
        "events": EVENT_INDEX_SR_LATN,
        "newsletter": NEWSLETTER_SR_LATN,
    },
}

# Menus ----------------------------------------------------------------------------------------

# Each link points at an English page ("page", linked to its translation where there is one)
# or at a named URL of the site ("url_name", reversed in each language).
MENUS = {
    "main": [
        {"page": "about", "labels": {"en": "About", "sr-latn": "O nama"}},
        {
            "page": "membership",
            "labels": {"en": "Why join", "sr-latn": "Zašto se učlaniti"},
        },
        {
            "page": "serbia-innovates",
            "labels": {
                "en": "Serbia Innovates",
                "sr-latn": "Srbija inovira",
            },
        },
        {"page": "news", "labels": {"en": "News", "sr-latn": "Vesti"}},
        {"page": "events", "labels": {"en": "Events", "sr-latn": "Događaji"}},
        {"page": "clusters", "labels": {"en": "Clusters", "sr-latn": "Klasteri"}},
        {
            "page": "newsletter",
            "labels": {"en": "Infocluster", "sr-latn": "Infocluster"},
        },
    ],
    "footer": [
        {"page": "about", "labels": {"en": "About", "sr-latn": "O nama"}},
        {
            "page": "membership",
            "labels": {"en": "Why join", "sr-latn": "Zašto se učlaniti"},
        },
        {
            "page": "newsletter",
            "labels": {"en": "Infocluster", "sr-latn": "Infocluster"},
        },
        {"url_name": "search", "labels": {"en": "Search", "sr-latn": "Pretraga"}},
    ],
}

FOOTER_TEXTS = {
    "en": (
        "<p>The umbrella association of clusters in Serbia: cooperation between clusters, "
        "support for new cluster initiatives and a common voice for the cluster community.</p>"
    ),
    "sr-latn": (
        "<p>Krovno udruženje klastera u Srbiji: saradnja među klasterima, podrška novim "
        "klasterskim inicijativama i zajednički glas klasterske zajednice.</p>"
    ),
}


# Membership levels ----------------------------------------------------------------------------

LEVELS = [
    {
        "slug": "network",
        "yearly_price": "0.00",
        "audience": "organisations",
        "sort_order": 1,
        "en": {
            "name": "Network membership",
            "description": "Free membership of the cluster network for cluster organisations, "
            "their companies and partner institutions.",
            "includes": "Always timely informed\nIn the network of clusters in Serbia\n"
            "Promotion in Infocluster\nInvitations to the Business Cluster Clubs",
        },
        "sr-latn": {
            "name": "Članstvo u mreži",
            "description": "Besplatno članstvo u mreži klastera za klasterske organizacije, "
            "njihove kompanije i partnerske institucije.",
            "includes": "Uvek na vreme informisani\nU mreži klastera Srbije\n"
            "Promocija u Infocluster-u\nPozivi na Poslovne klaster klubove",
        },
    },
    {
        "slug": "partner",
        "yearly_price": "120.00",
        "audience": "organisations",
        "sort_order": 2,
        "en": {
            "name": "Partner membership",
            "description": "For clusters that want the association's services: advice on "
            "funds, partner search abroad and a place at Days of Clusters.",
            "includes": "Everything in network membership\nAdvice on local and international "
            "funds\nSupport in finding partners abroad\nA member price at Days of Clusters",
        },
        "sr-latn": {
            "name": "Partnersko članstvo",
            "description": "Za klastere koji žele usluge asocijacije: savete o fondovima, "
            "traženje partnera u inostranstvu i mesto na Danima klastera.",
            "includes": "Sve iz članstva u mreži\nSaveti o domaćim i međunarodnim fondovima\n"
            "Podrška u traženju partnera u inostranstvu\nČlanska cena na Danima klastera",
        },
    },
]
