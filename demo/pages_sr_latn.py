"""The Serbian Latin translations of the demo pages that ``demo.content`` does not hold: the
membership page, Serbia Innovates and its domains, the cluster directory and Infocluster.
Faithful to the English texts; the Cyrillic pages are their twins (twins/)."""

from demo.blocks import bullets, call_to_action, heading, image, paragraph, table

MEMBERSHIP_SR_LATN = {
    "title": "Zašto se učlaniti",
    "slug": "clanstvo",
    "listing_summary": (
        "Dvanaest razloga zbog kojih se klasteri i njihove članice učlanjuju u mrežu: članstvo "
        "u mreži je besplatno, a partnersko članstvo uz godišnju članarinu donosi i usluge "
        "asocijacije."
    ),
    "search_description": (
        "Članstvo u srpskoj klasterskoj mreži je besplatno; partnersko članstvo se plaća "
        "godišnje. Dvanaest razloga za učlanjenje: "
        "informacije, partneri, saveti o finansiranju, promocija, događaji i obuke."
    ),
    "intro": (
        "Klasteri, njihove kompanije članice i stručnjaci učlanjuju se da bi bili bolje "
        "informisani, bolje povezani i vidljiviji."
    ),
    "body": [
        heading("Dvanaest razloga za učlanjenje"),
        paragraph(
            "<ol>"
            "<li>Na vreme saznajete za pozive, fondove i događaje.</li>"
            "<li>Deo ste mreže klastera iz cele Srbije.</li>"
            "<li>Dobijate pomoć u traženju partnera u zemlji i inostranstvu.</li>"
            "<li>Nude vam se poslovne usluge koje vam zaista trebaju.</li>"
            "<li>Dobijate savete o korišćenju domaćih i međunarodnih fondova.</li>"
            "<li>Možete da učestvujete u projektima Klaster kuće i njenih partnera.</li>"
            "<li>Možete da računate na stručnu i logističku podršku Klaster kuće.</li>"
            "<li>Predstavljeni ste u <i>Infocluster</i>-u, jedinom časopisu posvećenom "
            "klasterima u Srbiji.</li>"
            "<li>Predstavljeni ste u kablovskoj TV emisiji <i>Klasteri u Srbiji</i>.</li>"
            "<li>Učestvujete na Danima klastera, međunarodnoj konferenciji koja se održava "
            "svakog oktobra u Nišu.</li>"
            "<li>Učestvujete na Poslovnim klaster klubovima, sajmovima i izložbama.</li>"
            "<li>Možete da se obučavate u Trening centru za razvoj klastera.</li>"
            "</ol>"
        ),
        heading("Članstvo u mreži je besplatno"),
        paragraph(
            "<p>Učlanjenje u mrežu ne košta ništa; partnerski nivo, uz godišnju članarinu, "
            "donosi i savetodavne usluge i članske cene na našim događajima. Mreža postoji da "
            "stvori klastersku sinergiju u Srbiji i u regionu Balkana i Crnog mora: da razvija "
            "prekogranične projekte zasnovane na klasterima za održivi ekonomski razvoj, da "
            "dođe do razvojnih fondova i otvori nova tržišta svojim članicama.</p>"
        ),
        call_to_action(
            "Budite u toku",
            "Infocluster donosi vesti, pozive za projekte i događaje iz klasterske mreže.",
            "Pretplatite se na Infocluster",
            "newsletter",
        ),
    ],
}

SERBIA_INNOVATES_SR_LATN = {
    "title": "Srbija inovira",
    "slug": "srbija-inovira",
    "listing_summary": (
        "Četvorogodišnji program koji gradi superklastere u četiri oblasti sa najvećim "
        "potencijalom rasta za srpsku privredu."
    ),
    "search_description": (
        "Srbija inovira, program koji je ICT Hub pokrenuo uz podršku USAID-a: šta je "
        "superklaster, pilot-faza od aprila 2022. do juna 2023, podrška do juna 2025. i "
        "praćenje."
    ),
    "intro": (
        "Srbija inovira je četvorogodišnji program koji je ICT Hub pokrenuo uz podršku "
        "USAID-a, da bi srpska privreda postala inovativnija u segmentima sa najvećim "
        "potencijalom rasta. U njegovom središtu je superklaster."
    ),
    "body": [
        heading("Šta je superklaster?"),
        paragraph(
            "<p>Superklaster je poslovni model, proveren širom sveta, u kome mala i srednja "
            "preduzeća, startapi, investitori, univerziteti i javne institucije blisko "
            "sarađuju da bi ubrzali inovacije u jednoj oblasti.</p>"
            "<p>Problemi koje nijedna članica ne bi mogla sama da reši rešavaju se zajedno. "
            "Članice udružuju svoje znanje, resurse i domaću i međunarodnu ekspertizu, "
            "usklađuju ciljeve i ono što dele pretvaraju u odgovore na stvarne ekonomske "
            "izazove.</p>"
        ),
        image(
            "serbia-innovates",
            caption="Četiri oblasti, jedan model saradnje",
            alt_text="Četiri grupe povezanih tačaka u četiri boje",
        ),
        heading("Kako program teče"),
        table(
            [
                ["Faza", "Kada", "Šta se dešava"],
                [
                    "Obuka",
                    "Pre pilot-faze",
                    "Izabrani konzorcijumi uče koncepte, veštine i alate za upravljanje "
                    "superklasterom.",
                ],
                [
                    "Pilot-superklasteri",
                    "April 2022 – jun 2023",
                    "Svaki konzorcijum gradi infrastrukturu svog superklastera i pokreće bar "
                    "jedan zajednički projekat sa drugim članicama, da pokaže da model "
                    "funkcioniše u praksi.",
                ],
                [
                    "Izbor",
                    "Posle pilot-faze",
                    "Bira se jedan superklaster, prema rezultatima iz pilot-faze, "
                    "trogodišnjem planu i globalnoj poziciji Srbije u njegovoj oblasti.",
                ],
                [
                    "Podrška",
                    "Do juna 2025",
                    "Izabrani superklaster dobija finansijsku podršku, a sa njegovim "
                    "članicama razvija se održiv način rada, da bi nastavio i posle završetka "
                    "programa.",
                ],
            ],
            caption="Faze programa",
        ),
        heading("Praćenje i prilagođavanje"),
        paragraph(
            "<p>Sistem praćenja i evaluacije sve vreme prati napredak superklastera. Ključni "
            "kriterijumi se stalno procenjuju, ishodi pojedinačnih aktivnosti se analiziraju, "
            "a plan se prilagođava onome što je superklasteru potrebno.</p>"
        ),
        heading("Četiri oblasti"),
        paragraph("<p>Program je usmeren na četiri oblasti, svaka opisana na svojoj stranici.</p>"),
    ],
}

SERBIA_INNOVATES_DOMAINS_SR_LATN = {
    "web3-blockchain": {
        "title": "Web3 i blokčejn",
        "slug": "web3-blokcejn",
        "listing_summary": "Decentralizovane tehnologije koje menjaju način na koji se vrednost "
        "stvara i razmenjuje.",
        "search_description": "Oblast Web3 i blokčejn programa Srbija inovira.",
        "intro": (
            "Web3 i blokčejn tehnologije menjaju način na koji se vrednost stvara i "
            "razmenjuje i brzo postaju deo svakodnevnog života."
        ),
        "body": [
            heading("Gde se primenjuje"),
            paragraph(
                "<p>Decentralizovani internet otvara nov prostor za razvoj u mnogim oblastima:</p>"
                + bullets(
                    [
                        "finansije",
                        "obrazovanje",
                        "zdravstvo",
                        "javna uprava",
                        "sajber bezbednost",
                        "saobraćaj",
                    ]
                )
            ),
        ],
    },
    "agri-food-tech": {
        "title": "Agro-prehrambene tehnologije",
        "slug": "agro-prehrambene-tehnologije",
        "listing_summary": "Savremene tehnologije u celom lancu hrane, od njive do trgovine.",
        "search_description": "Oblast agro-prehrambenih tehnologija programa Srbija inovira.",
        "intro": (
            "Ova oblast donosi savremene tehnologije i rešenja zasnovana na njima u ceo lanac "
            "hrane."
        ),
        "body": [
            heading("Od njive do police"),
            paragraph(
                "<p>Obuhvata svaki korak u kome tehnologija može da napravi razliku:</p>"
                + bullets(
                    [
                        "primarnu poljoprivredu",
                        "preradu i proizvodnju hrane",
                        "trgovinu poljoprivrednim i prehrambenim proizvodima",
                    ]
                )
            ),
        ],
    },
    "gaming-virtual-reality": {
        "title": "Gejming i virtuelna realnost",
        "slug": "gejming-i-virtuelna-realnost",
        "listing_summary": "Tehnologije igara koje služe mnogim drugim industrijama.",
        "search_description": "Oblast gejminga i virtuelne realnosti programa Srbija inovira.",
        "intro": (
            "Gejming je više od video-igara: njegove tehnologije imaju veliki potencijal i u "
            "drugim industrijama."
        ),
        "body": [
            heading("Više od igara"),
            paragraph(
                "<p>Tehnologije igara i virtuelna realnost primenjuju se u:</p>"
                + bullets(
                    [
                        "trgovini i marketingu",
                        "industriji zabave",
                        "ozbiljnim igrama i EdTech rešenjima",
                        "MedTech rešenjima i zdravstvenoj zaštiti",
                    ]
                )
            ),
        ],
    },
    "medtech-biotech": {
        "title": "Medicinske tehnologije i biotehnologija",
        "slug": "medicinske-tehnologije-i-biotehnologija",
        "listing_summary": "Farmacija, BioTech, MedTech i HealthTech.",
        "search_description": (
            "Oblast medicinskih tehnologija i biotehnologije programa Srbija inovira."
        ),
        "intro": "Ova oblast obuhvata farmaceutsku industriju, BioTech, MedTech i HealthTech.",
        "body": [
            heading("Inovacije za zdravlje"),
            paragraph(
                "<p>Uz multidisciplinarni pristup i podršku inovacijama u ovim oblastima, šanse "
                "da se reše mnogi zdravstveni problemi sa kojima se ljudi suočavaju znatno "
                "rastu.</p>"
            ),
        ],
    },
}

DIRECTORY_SR_LATN = {
    "title": "Klasteri",
    "slug": "klasteri",
    "listing_summary": "Imenik klastera članica, sa mapom.",
    "search_description": "Imenik klastera u srpskoj klasterskoj mreži.",
    "intro": "Klasteri Srbije i njihove članice: ko su, čime se bave i gde ih možete naći.",
}

# The slug stays "newsletter": the address is the newsletter app's (demo.content).
NEWSLETTER_SR_LATN = {
    "title": "Infocluster",
    "slug": "newsletter",
    "listing_summary": "Pretplatite se na bilten klasterske mreže.",
    "search_description": "Pretplatite se na Infocluster, bilten srpske klasterske mreže.",
    "intro": (
        "Infocluster je bilten asocijacije, sa vestima, pozivima za projekte i događajima iz "
        "klasterske mreže, e-poštom."
    ),
}
