"""A realistic, multilingual Maildir of agency <-> client mail, for the archive benchmark.

`generate_maildir(path, n, seed)` writes n messages in threads of 1-12 between an agency
(owners me@ and colleague@agency.example) and 50 client companies, in English (half) and
Norwegian bokmål, Danish, Swedish, Catalan and Slovak: quoted replies in the styles real
clients write (Gmail "On ... wrote:", Apple/Outlook "Den ... skrev:", Outlook header
blocks), signatures, HTML alternatives, small attachments, commitments with due dates,
owners' `#slipup` notes, and one made-up word (RARE_WORD) in exactly RARE_COUNT messages.

Every thread draws from its own `random.Random` seeded by (seed, thread number), so the
output is byte-for-byte the same for a seed however many worker processes write it.

Run directly to make one: `python bench/corpus.py 100000 /tmp/maildir --seed 1`.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import sys
import textwrap
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import charset as email_charset
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from pathlib import Path
from zoneinfo import ZoneInfo

# What the benchmark searches for; kept here so corpus and probes cannot drift apart.
RARE_WORD = "Quillbrook"  # a made-up project name, in no vocabulary below
RARE_COUNT = 5
COMMON_WORD = "invoice"
PHRASE = "revised invoice"
REGEX = "invoice #[0-9][0-9][0-9][0-9]"  # same meaning in POSIX BRE, ERE and Python re

OWNERS = (("Alex Morgan", "me@agency.example"), ("Sam Rivera", "colleague@agency.example"))
STAFF = OWNERS + (("Kim Larsen", "support@agency.example"),)
AGENCY_TZ = "Europe/London"
LANGUAGE_WEIGHTS = {"en": 50, "nb": 10, "da": 10, "sv": 10, "ca": 10, "sk": 10}
CLIENTS_PER_LANGUAGE = {"en": 25, "nb": 5, "da": 5, "sv": 5, "ca": 5, "sk": 5}
THREAD_SIZE_WEIGHTS = (22, 17, 13, 10, 8, 7, 6, 5, 4, 3, 3, 2)  # sizes 1..12
SLIPUP_THREAD_EVERY = 25  # one thread in 25 gets an owner's #slipup note
CORPUS_START = datetime(2023, 11, 1, tzinfo=UTC)
CORPUS_DAYS = 3 * 365
HOST = "bench.agency.example"


@dataclass(frozen=True)
class Lang:
    """Everything language-specific a message needs; sentences may hold {first} {day} {date} {inv}."""

    code: str
    tz: tuple[str, ...]
    phone: str
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    companies: tuple[str, ...]
    titles: tuple[str, ...]
    subjects: tuple[str, ...]
    greetings: tuple[str, ...]
    complaints: tuple[str, ...]
    replies: tuple[str, ...]  # the agency's apologies and explanations
    commitments: tuple[str, ...]
    neutral: tuple[str, ...]
    closings: tuple[str, ...]
    days: tuple[str, ...]
    months: tuple[str, ...]  # as used in "{date}" (day + month)
    months_short: tuple[str, ...]
    reply_prefix: str  # what this language's Outlook puts before a reply subject
    quote_intro: str  # {wd} {d} {m} {mon} {month} {y} {hh} {mm} {name} {addr}
    outlook_rule: str
    outlook_labels: tuple[str, str, str, str]  # From, Sent, To, Subject
    weekdays_short: tuple[str, ...]
    attachment_names: tuple[str, ...]


EN = Lang(
    code="en",
    tz=("Europe/London", "America/New_York", "Europe/Dublin", "America/Chicago"),
    phone="+44 20 7946 ",
    first_names=("James", "Olivia", "Priya", "Daniel", "Emma", "Hannah", "Tom", "Grace",
                 "Oliver", "Chloe", "Marcus", "Fiona"),
    last_names=("Whitfield", "O'Connor", "Patel", "Hughes", "Brennan", "Clarke", "Nakamura",
                "Fletcher", "Okafor", "Lindqvist"),
    companies=("Harbor", "Northwind", "Copperleaf", "Maple Street", "Bright Orchard", "Kestrel",
               "Bluefin", "Oakridge", "Silverline", "Redwood", "Lantern", "Foxglove", "Ironbridge"),
    titles=("Operations Manager", "Marketing Lead", "Head of Finance", "Managing Director",
            "Project Coordinator"),
    subjects=("Delayed delivery of the annual report", "Invoice #{inv} charged twice",
              "Missed deadline for the website launch", "Where are the logo files?",
              "Complaint: wrong prices in the brochure", "Campaign plan still missing",
              "Status of the migration", "Translation errors in the product sheet"),
    greetings=("Hi {first},", "Dear {first},", "Hello {first},", "{first},"),
    complaints=(
        "The delivery we were promised for Monday still hasn't arrived.",
        "We were charged twice on invoice #{inv} and nobody has answered my emails.",
        "Our launch depends on this, and we have heard nothing for over a week.",
        "Can you tell me what happened and when we can expect it?",
        "This is the second time the deadline has slipped, and my board is asking questions.",
        "Please confirm the new date in writing.",
        "The prices on page 4 of the brochure are last year's, and it has already gone to print.",
        "I need the corrected files before our trade fair on {date}.",
        "Frankly, I expected better from you after the last project.",
    ),
    replies=(
        "I'm sorry, that's on us and I won't make excuses.",
        "You're right, we missed the deadline we agreed with you.",
        "I've looked into it: the duplicate charge on invoice #{inv} came from our billing system.",
        "We have put a second designer on the project to make up the lost time.",
        "Thank you for your patience, and apologies again for the trouble this has caused.",
        "The delay was caused by a mix-up on our side between two versions of the file.",
    ),
    commitments=(
        "We will send the revised invoice by {day}.",
        "I will call you tomorrow morning with an update.",
        "You will have the corrected files by {date}.",
        "We'll refund the duplicate charge on invoice #{inv} within 5 business days.",
        "I'll send you a status update every Tuesday until this is resolved.",
        "The revised invoice will reach you before {date}.",
        "We will deliver the final report no later than {day}.",
        "I promise to have the new proofs to you by end of day {day}.",
    ),
    neutral=(
        "Thanks for the quick reply.",
        "Please find the latest version attached.",
        "Let me know if anything is unclear.",
        "I've copied my colleague so she's in the loop.",
        "Could we have a short call on {day} to go through it?",
        "Noted, thank you.",
    ),
    closings=("Best regards,", "Kind regards,", "Thanks,", "Best,", "Cheers,"),
    days=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
    months_short=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                  "Nov", "Dec"),
    reply_prefix="RE: ",
    quote_intro="On {wd}, {mon} {d}, {y} at {hh}:{mm}, {name} <{addr}> wrote:",
    outlook_rule="-----Original Message-----",
    outlook_labels=("From", "Sent", "To", "Subject"),
    weekdays_short=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    attachment_names=("invoice-{inv}.pdf", "annual-report-v2.pdf", "screenshot.png",
                      "brochure-proof.pdf"),
)

NB = Lang(
    code="nb",
    tz=("Europe/Oslo",),
    phone="+47 22 ",
    first_names=("Bjørn", "Åse", "Kjersti", "Håkon", "Sølvi", "Eirik", "Ingrid", "Øystein",
                 "Tiril", "Jørgen"),
    last_names=("Ødegård", "Bråthen", "Sæther", "Løvås", "Haugen", "Kvalsvik", "Strømme", "Nordø"),
    companies=("Fjordbygg", "Nordlys Media", "Bølgen Eiendom", "Skogstjerne Økologisk",
               "Havbris Sjømat"),
    titles=("Daglig leder", "Markedssjef", "Økonomiansvarlig", "Prosjektleder"),
    subjects=("Forsinket levering av årsrapporten", "Faktura #{inv} belastet to ganger",
              "Utsatt lansering av nettsiden – hva skjer?", "Feil priser i brosjyren",
              "Hvor blir logofilene av?"),
    greetings=("Hei {first},", "Hei igjen, {first}!", "Hallo {first},"),
    complaints=(
        "Leveransen vi ble lovet på mandag har fortsatt ikke kommet.",
        "Vi er belastet to ganger for faktura #{inv}, og ingen svarer på e-postene mine.",
        "Lanseringen vår avhenger av dette, og vi har ikke hørt noe på over en uke.",
        "Kan dere fortelle hva som har skjedd og når vi kan forvente det?",
        "Dette er andre gang fristen glipper, og styret stiller spørsmål.",
        "Vennligst bekreft den nye datoen skriftlig.",
        "Prisene på side 4 i brosjyren er fjorårets, og den er allerede sendt til trykk.",
    ),
    replies=(
        "Beklager, dette er vår feil.",
        "Du har helt rett, vi har ikke overholdt fristen vi avtalte.",
        "Den doble belastningen kom fra faktureringssystemet vårt, og det er nå rettet.",
        "Vi har satt en ekstra designer på prosjektet for å ta igjen tapt tid.",
        "Takk for tålmodigheten, og beklager bryderiet dette har påført dere.",
    ),
    commitments=(
        "Vi sender den reviderte fakturaen innen {day}.",
        "Jeg ringer deg i morgen tidlig med en oppdatering.",
        "Du får de korrigerte filene innen {date}.",
        "Vi refunderer dobbeltbelastningen på faktura #{inv} innen fem virkedager.",
        "Jeg sender deg en statusoppdatering hver tirsdag til saken er løst.",
        "Sluttrapporten er hos dere senest {day}.",
    ),
    neutral=(
        "Takk for raskt svar.",
        "Vedlagt ligger siste versjon.",
        "Gi beskjed hvis noe er uklart.",
        "Kan vi ta en kort prat på {day} og gå gjennom det?",
        "Notert, tusen takk.",
    ),
    closings=("Med vennlig hilsen", "Vennlig hilsen", "Hilsen", "Mvh."),
    days=("mandag", "tirsdag", "onsdag", "torsdag", "fredag"),
    months=("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
            "september", "oktober", "november", "desember"),
    months_short=("jan.", "feb.", "mar.", "apr.", "mai", "jun.", "jul.", "aug.", "sep.",
                  "okt.", "nov.", "des."),
    reply_prefix="SV: ",
    quote_intro="Den {d}. {mon} {y} kl. {hh}:{mm} skrev {name} <{addr}>:",
    outlook_rule="-----Opprinnelig melding-----",
    outlook_labels=("Fra", "Sendt", "Til", "Emne"),
    weekdays_short=("man.", "tir.", "ons.", "tor.", "fre.", "lør.", "søn."),
    attachment_names=("faktura-{inv}.pdf", "årsrapport-utkast.pdf", "skjermbilde.png"),
)

DA = Lang(
    code="da",
    tz=("Europe/Copenhagen",),
    phone="+45 33 ",
    first_names=("Søren", "Mette", "Jørgen", "Signe", "Anders", "Trine", "Mads", "Birgitte"),
    last_names=("Kjærgaard", "Sørensen", "Østergaard", "Mølgaard", "Bækgaard", "Lauritsen",
                "Frølund"),
    companies=("Søndergaard Møbler", "Kystlys", "Bøgeskov Bryghus", "Havnefronten",
               "Ærø Keramik"),
    titles=("Direktør", "Marketingchef", "Økonomiansvarlig", "Projektleder"),
    subjects=("Forsinket levering af årsrapporten", "Faktura #{inv} opkrævet to gange",
              "Manglende svar om hjemmesiden", "Fejl i brochuren – hvad nu?"),
    greetings=("Hej {first},", "Kære {first},", "Hej igen {first},"),
    complaints=(
        "Leverancen, vi fik lovet til mandag, er stadig ikke kommet.",
        "Vi er blevet opkrævet to gange for faktura #{inv}, og ingen svarer på mine mails.",
        "Vores lancering afhænger af det her, og vi har ikke hørt noget i over en uge.",
        "Kan I fortælle, hvad der er sket, og hvornår vi kan forvente det?",
        "Det er anden gang, fristen skrider, og bestyrelsen stiller spørgsmål.",
        "Bekræft venligst den nye dato skriftligt.",
    ),
    replies=(
        "Det beklager jeg, fejlen er vores.",
        "Du har ret, vi har ikke overholdt den aftalte frist.",
        "Den dobbelte opkrævning skyldtes en fejl i vores faktureringssystem.",
        "Vi har sat en ekstra grafiker på opgaven for at indhente det tabte.",
        "Tak for tålmodigheden, og undskyld besværet.",
    ),
    commitments=(
        "Vi sender den reviderede faktura senest {day}.",
        "Jeg ringer til dig i morgen tidlig med en opdatering.",
        "Du får de rettede filer senest {date}.",
        "Vi tilbagebetaler den dobbelte opkrævning på faktura #{inv} inden for fem hverdage.",
        "Jeg sender dig en statusopdatering hver tirsdag, indtil sagen er løst.",
    ),
    neutral=(
        "Tak for det hurtige svar.",
        "Den seneste version er vedhæftet.",
        "Sig til, hvis noget er uklart.",
        "Kan vi tage en kort snak på {day}?",
    ),
    closings=("Med venlig hilsen", "Venlig hilsen", "Mvh.", "De bedste hilsner"),
    days=("mandag", "tirsdag", "onsdag", "torsdag", "fredag"),
    months=("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
            "september", "oktober", "november", "december"),
    months_short=("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.",
                  "okt.", "nov.", "dec."),
    reply_prefix="SV: ",
    quote_intro="Den {d}. {mon} {y} kl. {hh}.{mm} skrev {name} <{addr}>:",
    outlook_rule="-----Oprindelig meddelelse-----",
    outlook_labels=("Fra", "Sendt", "Til", "Emne"),
    weekdays_short=("man.", "tir.", "ons.", "tor.", "fre.", "lør.", "søn."),
    attachment_names=("faktura-{inv}.pdf", "årsrapport-udkast.pdf", "skærmbillede.png"),
)

SV = Lang(
    code="sv",
    tz=("Europe/Stockholm",),
    phone="+46 8 ",
    first_names=("Åsa", "Björn", "Märta", "Göran", "Linnéa", "Pär", "Sofia", "Anders"),
    last_names=("Lindström", "Åkesson", "Sjöberg", "Öberg", "Bäckström", "Ekström", "Nyqvist"),
    companies=("Älvdalens Trä", "Sjöbris Design", "Fjällräv Bygg", "Norrsken Media",
               "Västkustens Fisk"),
    titles=("VD", "Marknadschef", "Ekonomiansvarig", "Projektledare"),
    subjects=("Försenad leverans av årsredovisningen", "Faktura #{inv} debiterad två gånger",
              "Missad deadline för webbplatsen", "Fel i broschyren", "Var är logotypfilerna?"),
    greetings=("Hej {first}!", "Hej {first},", "Hejsan {first},"),
    complaints=(
        "Leveransen vi blev lovade till måndag har fortfarande inte kommit.",
        "Vi har debiterats två gånger för faktura #{inv} och ingen svarar på mina mejl.",
        "Vår lansering hänger på detta och vi har inte hört något på över en vecka.",
        "Kan ni berätta vad som har hänt och när vi kan räkna med det?",
        "Det är andra gången tidsfristen spricker, och styrelsen ställer frågor.",
        "Vänligen bekräfta det nya datumet skriftligt.",
    ),
    replies=(
        "Jag ber om ursäkt, det här är vårt fel.",
        "Du har rätt, vi höll inte den tidsfrist vi kom överens om.",
        "Den dubbla debiteringen berodde på ett fel i vårt faktureringssystem.",
        "Vi har satt ytterligare en formgivare på projektet för att ta igen förlorad tid.",
        "Tack för ditt tålamod, och förlåt för besväret.",
    ),
    commitments=(
        "Vi skickar den reviderade fakturan senast på {day}.",
        "Jag ringer dig i morgon bitti med en uppdatering.",
        "Du får de rättade filerna senast den {date}.",
        "Vi återbetalar den dubbla debiteringen på faktura #{inv} inom fem arbetsdagar.",
        "Jag skickar en statusuppdatering varje tisdag tills ärendet är löst.",
    ),
    neutral=(
        "Tack för snabbt svar.",
        "Bifogar den senaste versionen.",
        "Hör av dig om något är oklart.",
        "Kan vi ta ett kort samtal på {day}?",
    ),
    closings=("Med vänliga hälsningar", "Vänliga hälsningar", "Mvh", "Hälsningar"),
    days=("måndag", "tisdag", "onsdag", "torsdag", "fredag"),
    months=("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
            "september", "oktober", "november", "december"),
    months_short=("jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.",
                  "okt.", "nov.", "dec."),
    reply_prefix="SV: ",
    quote_intro="Den {d} {mon} {y} kl. {hh}:{mm} skrev {name} <{addr}>:",
    outlook_rule="-----Ursprungligt meddelande-----",
    outlook_labels=("Från", "Skickat", "Till", "Ämne"),
    weekdays_short=("mån", "tis", "ons", "tors", "fre", "lör", "sön"),
    attachment_names=("faktura-{inv}.pdf", "årsredovisning-utkast.pdf", "skärmbild.png"),
)

CA = Lang(
    code="ca",
    tz=("Europe/Madrid",),
    phone="+34 93 ",
    first_names=("Jordi", "Núria", "Martí", "Laia", "Pere", "Mercè", "Àlex", "Montserrat"),
    last_names=("Puigdomènech", "Ferrer", "Vilaró", "Solà", "Cortès", "Bertran", "Casals"),
    companies=("Vinyes del Priorat", "Disseny Gràcia", "Forn Sant Martí", "Estudi Montjuïc",
               "Cooperativa l'Empordà"),
    titles=("Directora de màrqueting", "Gerent", "Responsable d'administració",
            "Cap de projectes"),
    subjects=("Retard en el lliurament de l'informe anual", "Factura #{inv} cobrada dues vegades",
              "Termini incomplert – pàgina web", "Errors a la traducció del catàleg"),
    greetings=("Hola {first},", "Bon dia {first},", "Benvolgut/da {first},"),
    complaints=(
        "L'entrega que ens vau prometre per dilluns encara no ha arribat.",
        "Ens heu cobrat dues vegades la factura #{inv} i ningú no respon els meus correus.",
        "El nostre llançament en depèn, i fa més d'una setmana que no en sabem res.",
        "Em podeu explicar què ha passat i quan ho podem esperar?",
        "És la segona vegada que s'incompleix el termini, i la junta fa preguntes.",
        "Si us plau, confirmeu la nova data per escrit.",
    ),
    replies=(
        "Ho sento molt, l'error és nostre.",
        "Teniu raó, no hem complert el termini que vam acordar.",
        "El doble càrrec es va produir per un error del nostre sistema de facturació.",
        "Hem afegit una altra dissenyadora al projecte per recuperar el temps perdut.",
        "Gràcies per la paciència, i disculpeu les molèsties.",
    ),
    commitments=(
        "Us enviarem la factura revisada abans de {day}.",
        "Demà al matí us trucaré amb una actualització.",
        "Tindreu els fitxers corregits abans del {date}.",
        "Us retornarem el doble càrrec de la factura #{inv} en cinc dies laborables.",
        "Us enviaré un informe de situació cada dimarts fins que estigui resolt.",
    ),
    neutral=(
        "Gràcies per la resposta ràpida.",
        "Us adjunto la darrera versió.",
        "Digueu-me si hi ha res que no quedi clar.",
        "Podríem parlar una estona el {day}?",
    ),
    closings=("Salutacions,", "Cordialment,", "Una salutació,", "Atentament,"),
    days=("dilluns", "dimarts", "dimecres", "dijous", "divendres"),
    months=("de gener", "de febrer", "de març", "d'abril", "de maig", "de juny", "de juliol",
            "d'agost", "de setembre", "d'octubre", "de novembre", "de desembre"),
    months_short=("gen.", "febr.", "març", "abr.", "maig", "juny", "jul.", "ag.", "set.",
                  "oct.", "nov.", "des."),
    reply_prefix="RE: ",
    quote_intro="El {wd}, {d} {month} {y} a les {hh}:{mm}, {name} (<{addr}>) va escriure:",
    outlook_rule="-----Missatge original-----",
    outlook_labels=("De", "Enviat", "Per a", "Assumpte"),
    weekdays_short=("dl.", "dt.", "dc.", "dj.", "dv.", "ds.", "dg."),
    attachment_names=("factura-{inv}.pdf", "informe-anual-esborrany.pdf", "captura.png"),
)

SK = Lang(
    code="sk",
    tz=("Europe/Bratislava",),
    phone="+421 2 ",
    first_names=("Ľubomír", "Zuzana", "Ján", "Katarína", "Peter", "Mária", "Tomáš", "Lucia"),
    last_names=("Šťastný", "Kováč", "Horváthová", "Novák", "Čierna", "Ďurica", "Mináč"),
    companies=("Tatranská Stavebná", "Dunajská Tlačiareň", "Kováčske Dielne",
               "Pekáreň u Ďuriša", "Žilinské Vinárstvo"),
    titles=("Konateľ", "Vedúca marketingu", "Ekonomické oddelenie", "Projektový manažér"),
    subjects=("Oneskorené dodanie výročnej správy", "Faktúra č. {inv} zaúčtovaná dvakrát",
              "Nedodržaný termín – webová stránka", "Chyby v preklade brožúry",
              "Kde sú podklady k logu?"),
    greetings=("Dobrý deň, {first},", "Ahoj {first},", "Dobrý deň,"),
    complaints=(
        "Dodávka, ktorú ste nám sľúbili na pondelok, stále neprišla.",
        "Faktúru č. {inv} ste nám zaúčtovali dvakrát a nikto neodpovedá na moje e-maily.",
        "Od toho závisí naše uvedenie na trh a už vyše týždňa sme o vás nepočuli.",
        "Môžete mi povedať, čo sa stalo a kedy to môžeme očakávať?",
        "Už druhýkrát ste nedodržali termín a predstavenstvo sa pýta prečo.",
        "Prosím, potvrďte nový termín písomne.",
    ),
    replies=(
        "Ospravedlňujem sa, chyba je na našej strane.",
        "Máte pravdu, dohodnutý termín sme nedodržali.",
        "Dvojité zaúčtovanie spôsobila chyba v našom fakturačnom systéme.",
        "Na projekt sme pridali ďalšieho grafika, aby sme dobehli stratený čas.",
        "Ďakujem za trpezlivosť a ešte raz sa ospravedlňujem za komplikácie.",
    ),
    commitments=(
        "Opravenú faktúru vám pošleme do piatka.",
        "Zajtra ráno vám zavolám a poviem, ako to vyzerá.",
        "Opravené súbory budete mať najneskôr do {date}.",
        "Dvojitú platbu za faktúru č. {inv} vám vrátime do piatich pracovných dní.",
        "Každý utorok vám pošlem správu o stave, kým sa to nevyrieši.",
    ),
    neutral=(
        "Ďakujem za rýchlu odpoveď.",
        "V prílohe posielam najnovšiu verziu.",
        "Dajte vedieť, ak niečo nie je jasné.",
        "Môžeme si zavolať v stredu a prejsť to spolu?",
    ),
    closings=("S pozdravom", "S pozdravom a prianím pekného dňa", "Ďakujem,", "Pekný deň,"),
    days=("pondelok", "utorok", "streda", "štvrtok", "piatok"),
    months=("januára", "februára", "marca", "apríla", "mája", "júna", "júla", "augusta",
            "septembra", "októbra", "novembra", "decembra"),
    months_short=("jan", "feb", "mar", "apr", "máj", "jún", "júl", "aug", "sep", "okt",
                  "nov", "dec"),
    reply_prefix="RE: ",
    quote_intro="Dňa {d}. {m}. {y} o {hh}:{mm} {name} <{addr}> napísal(a):",
    outlook_rule="-----Pôvodná správa-----",
    outlook_labels=("Od", "Odoslané", "Komu", "Predmet"),
    weekdays_short=("po", "ut", "st", "št", "pi", "so", "ne"),
    attachment_names=("faktúra-{inv}.pdf", "výročná-správa-návrh.pdf", "snímka.png"),
)

LANGS: dict[str, Lang] = {lang.code: lang for lang in (EN, NB, DA, SV, CA, SK)}

SLIPUP_NOTES = (
    "#slipup",
    "#slipup every 2d",
    "#slipup every Tuesday",
    "#slipup note: client called, very upset about the delay",
    "#slipup promise {iso}: refund of the duplicate charge",
)
SLIPUP_COMMENTS = (
    "We missed the date we gave {first}. Let's keep them posted until it's done.",
    "Tagging this one, {first} is right to be annoyed.",
    "Sam, can you take the next update? I'm out on {day}.",
)
MAILERS = ("Microsoft Outlook 16.0", "Apple Mail (2.3774.300.61.1.2)", "Mozilla Thunderbird 115.6",
           None, None)


@dataclass(frozen=True)
class Person:
    name: str
    addr: str
    title: str
    company: str
    phone: str


@dataclass(frozen=True)
class Client:
    lang: Lang
    company: str
    domain: str
    tz: str
    people: tuple[Person, ...]


@dataclass(frozen=True)
class ThreadPlan:
    """One thread to write: where its messages sit in the corpus and what is special in it."""

    number: int
    first_index: int  # corpus-wide index of its first message (names the files)
    size: int
    rare: frozenset[int]  # positions in the thread whose message carries RARE_WORD
    slipup_at: int | None  # position of the owner's #slipup note, if any


@dataclass
class Stats:
    """What was written; the test checks these against the files themselves."""

    messages: int = 0
    threads: int = 0
    bytes: int = 0
    html: int = 0
    attachments: int = 0
    slipup_notes: int = 0
    rare_messages: int = 0
    languages: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    rare_word: str = RARE_WORD

    def add(self, other: Stats) -> None:
        for name in ("messages", "threads", "bytes", "html", "attachments", "slipup_notes",
                     "rare_messages"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.languages.update(other.languages)

    def as_dict(self) -> dict:
        return {"messages": self.messages, "threads": self.threads, "bytes": self.bytes,
                "html": self.html, "attachments": self.attachments,
                "slipup_notes": self.slipup_notes, "rare_word": self.rare_word,
                "rare_messages": self.rare_messages, "languages": dict(self.languages),
                "seconds": round(self.seconds, 2)}


# --- clients -------------------------------------------------------------------------------

def ascii_slug(text: str) -> str:
    """Domain-safe form of a company name: 'Søndergaard Møbler' -> 'sondergaard-mobler'."""
    folded = text.lower().translate(str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "'": ""}))
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return "-".join(folded.replace("/", " ").split())


def make_clients(seed: int) -> tuple[Client, ...]:
    """The fixed cast of client companies for a seed (~50, per CLIENTS_PER_LANGUAGE)."""
    rng = random.Random(f"clients:{seed}")
    clients = []
    for code, count in CLIENTS_PER_LANGUAGE.items():
        lang = LANGS[code]
        for company in _company_names(lang, count, rng):
            domain = ascii_slug(company) + ".example"
            people = tuple(_person(lang, company, domain, rng) for _ in range(rng.randint(2, 4)))
            clients.append(Client(lang, company, domain, rng.choice(lang.tz), people))
    return tuple(clients)


def _company_names(lang: Lang, count: int, rng: random.Random) -> list[str]:
    if lang.code != "en":
        return list(lang.companies[:count])
    suffixes = ("Logistics", "Foods", "Dental", "Architects", "Outdoor", "Analytics", "Print")
    names: set[str] = set()
    while len(names) < count:
        names.add(f"{rng.choice(lang.companies)} {rng.choice(suffixes)}")
    return sorted(names)


def _person(lang: Lang, company: str, domain: str, rng: random.Random) -> Person:
    first, last = rng.choice(lang.first_names), rng.choice(lang.last_names)
    local = ascii_slug(f"{first}.{last}").replace("-", ".")
    phone = lang.phone + f"{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    return Person(f"{first} {last}", f"{local}@{domain}", rng.choice(lang.titles), company, phone)


# --- planning --------------------------------------------------------------------------------

def plan_threads(n: int, seed: int) -> list[ThreadPlan]:
    """Cut n messages into threads and decide which carry the rare word and #slipup notes."""
    rng = random.Random(f"plan:{seed}")
    sizes: list[int] = []
    total = 0
    while total < n:
        size = min(rng.choices(range(1, 13), THREAD_SIZE_WEIGHTS)[0], n - total)
        sizes.append(size)
        total += size
    rare = set(rng.sample(range(n), min(RARE_COUNT, n)))
    plans, start = [], 0
    for number, size in enumerate(sizes):
        slipup = rng.randrange(1, size) if size > 1 and number % SLIPUP_THREAD_EVERY == 7 else None
        positions = frozenset(i - start for i in rare if start <= i < start + size)
        plans.append(ThreadPlan(number, start, size, positions, slipup))
        start += size
    return plans


# --- text ------------------------------------------------------------------------------------

@dataclass
class Written:
    """One message as later replies need it: who, when, and the text they quote."""

    message_id: str
    references: tuple[str, ...]
    sender: tuple[str, str]
    to: tuple[str, str]
    when: datetime
    subject: str
    quotable: str  # the text as sent, minus the rare sentence (so quotes never repeat it)


def _fill(template: str, lang: Lang, first: str, when: datetime, rng: random.Random) -> str:
    due = when + timedelta(days=rng.randint(2, 21))
    return template.format(first=first, day=rng.choice(lang.days), inv=rng.randint(1000, 9999),
                           date=_day_month(lang, due), iso=due.date().isoformat())


def _day_month(lang: Lang, day: datetime) -> str:
    # Norwegian, Danish and Slovak write the day as an ordinal: "14. mars", "14. marca".
    dot = "." if lang.code in ("nb", "da", "sk") else ""
    return f"{day.day}{dot} {lang.months[day.month - 1]}"


def _paragraph(sentences: list[str]) -> str:
    return textwrap.fill(" ".join(sentences), width=72, break_on_hyphens=False)


def _own_text(lang: Lang, from_agency: bool, reader: str, writer: Person | tuple[str, str],
              when: datetime, rng: random.Random) -> str:
    """Greeting, two or three short paragraphs, closing and (often) a signature."""
    first = reader.split()[0]

    def fill(template: str) -> str:
        return _fill(template, lang, first, when, rng)

    pool = lang.replies if from_agency else lang.complaints
    paragraphs = [fill(rng.choice(lang.greetings))]
    paragraphs.append(_paragraph([fill(s) for s in rng.sample(pool, rng.randint(1, 3))]))
    if from_agency and rng.random() < 0.7:
        paragraphs.append(_paragraph([fill(s) for s in rng.sample(lang.commitments, rng.randint(1, 2))]))
    if rng.random() < 0.5:
        paragraphs.append(fill(rng.choice(lang.neutral)))
    paragraphs.append(rng.choice(lang.closings) + "\n" + _sender_name(writer).split()[0])
    if rng.random() < 0.7:
        paragraphs.append(_signature(writer))
    return "\n\n".join(paragraphs) + "\n"


def _sender_name(writer: Person | tuple[str, str]) -> str:
    return writer.name if isinstance(writer, Person) else writer[0]


def _signature(writer: Person | tuple[str, str]) -> str:
    if isinstance(writer, Person):
        return f"-- \n{writer.name}\n{writer.title}, {writer.company}\n{writer.phone}"
    return f"-- \n{writer[0]}\nAccount Director, Agency Example Ltd\nhttps://agency.example"


def _quote(parent: Written, lang: Lang, style: str) -> str:
    """The parent in the style the replying client would use; '' for no quote."""
    if style == "none":
        return ""
    w = parent.when
    name, addr = parent.sender
    if style == "outlook":
        labels = lang.outlook_labels
        sent = f"{w.day} {lang.months[w.month - 1]} {w.year} {w:%H:%M}"
        head = (f"{lang.outlook_rule}\n{labels[0]}: {name} <{addr}>\n{labels[1]}: {sent}\n"
                f"{labels[2]}: {parent.to[0]} <{parent.to[1]}>\n{labels[3]}: {parent.subject}\n")
        return "\n\n" + head + "\n" + parent.quotable
    intro = lang.quote_intro.format(
        wd=lang.weekdays_short[w.weekday()], d=w.day, m=w.month, mon=lang.months_short[w.month - 1],
        month=lang.months[w.month - 1], y=w.year, hh=f"{w.hour:02d}", mm=f"{w.minute:02d}",
        name=name, addr=addr)
    quoted = "\n".join(f"> {line}" if line else ">" for line in parent.quotable.rstrip("\n").split("\n"))
    return "\n" + intro + "\n" + quoted + "\n"


def _html(text: str, rng: random.Random) -> str:
    """The same text as an HTML alternative, quotes as blockquotes (as mail clients do)."""
    parts, quote = text.split("\n> ", 1) if "\n> " in text else (text, "")
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>\n"
                   for p in parts.split("\n\n") if p.strip())
    if quote:
        body += ('<blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">\n'
                 + html.escape("> " + quote).replace("\n", "<br>\n") + "\n</blockquote>\n")
    font = rng.choice(("Calibri, sans-serif", "Arial, Helvetica, sans-serif", "Georgia, serif"))
    return (f'<html><head><meta charset="utf-8"></head>\n<body><div style="font-family:{font}">\n'
            f"{body}</div></body></html>\n")


# --- MIME ----------------------------------------------------------------------------------------

def _charset(body_encoding: str | None) -> email_charset.Charset:
    cs = email_charset.Charset("utf-8")
    cs.body_encoding = body_encoding
    return cs


# Clients differ in how they encode text; the mix makes the parser's job realistic.
UTF8_ENCODINGS = ((_charset(email_charset.QP), 55), (_charset(None), 30),
                  (_charset(email_charset.BASE64), 15))


def _text_part(text: str, subtype: str, rng: random.Random) -> MIMEText:
    if text.isascii():
        return MIMEText(text, subtype, "us-ascii")
    charsets, weights = zip(*UTF8_ENCODINGS, strict=True)
    return MIMEText(text, subtype, rng.choices(charsets, weights)[0])


def _attachment(lang: Lang, when: datetime, rng: random.Random) -> Message:
    name = _fill(rng.choice(lang.attachment_names), lang, "", when, rng)
    size = rng.randint(1024, 16 * 1024)
    if name.endswith(".png"):
        part: Message = MIMEImage(b"\x89PNG\r\n\x1a\n" + rng.randbytes(size), "png")
    else:
        part = MIMEApplication(b"%PDF-1.4\n" + rng.randbytes(size) + b"\n%%EOF\n", "pdf")
    filename = name if name.isascii() else ("utf-8", "", name)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def _boundary(rng: random.Random) -> str:
    # Set explicitly: the stdlib's default boundary comes from the global random module.
    return f"----=_Part_{rng.getrandbits(48):012x}.{rng.getrandbits(32):08x}"


def _header_text(value: str) -> str | Header:
    return value if value.isascii() else Header(value, "utf-8")


def build_message(*, text: str, lang: Lang, when: datetime, rng: random.Random,
                  want_html: bool, want_attachment: bool) -> Message:
    """The MIME body: plain, plain+html alternative, optionally inside multipart/mixed."""
    body: Message = _text_part(text, "plain", rng)
    if want_html:
        body = MIMEMultipart("alternative", _boundary(rng),
                             [body, _text_part(_html(text, rng), "html", rng)])
    if want_attachment:
        body = MIMEMultipart("mixed", _boundary(rng), [body, _attachment(lang, when, rng)])
    return body


# --- threads ---------------------------------------------------------------------------------------

def _message_id(rng: random.Random, domain: str, when: datetime) -> str:
    return f"<{when:%Y%m%d%H%M%S}.{rng.getrandbits(64):016x}@{domain}>"


def _subject(base: str, depth: int, lang: Lang, style: str) -> str:
    if depth == 0:
        return base
    return (lang.reply_prefix if style == "outlook" else "Re: ") + base


def write_thread(plan: ThreadPlan, clients: tuple[Client, ...], seed: int, maildir: Path) -> Stats:
    """Write one thread's messages into maildir and count what went in."""
    rng = random.Random(f"thread:{seed}:{plan.number}")
    lang_code = rng.choices(list(LANGUAGE_WEIGHTS), list(LANGUAGE_WEIGHTS.values()))[0]
    client = rng.choice([c for c in clients if c.lang.code == lang_code])
    contact, owner = rng.choice(client.people), rng.choice(OWNERS)
    styles = {"client": rng.choice(("gmail", "outlook", "outlook", "none")),
              "agency": rng.choice(("gmail", "outlook"))}
    base_subject = _fill(rng.choice(client.lang.subjects), client.lang, "", CORPUS_START, rng)
    when = CORPUS_START + timedelta(minutes=rng.randrange(CORPUS_DAYS * 24 * 60))
    client_starts = rng.random() < 0.75
    stats = Stats(threads=1)
    written: list[Written] = []
    for pos in range(plan.size):
        if pos:
            when += timedelta(minutes=rng.randint(7, 72 * 60))
        if pos == plan.slipup_at:
            msg, w = _slipup_note(written[-1], owner, contact, when, pos in plan.rare, rng)
        else:
            from_agency = (pos % 2 == 0) != client_starts
            msg, w = _exchange(client, contact, owner, from_agency, written, styles, base_subject,
                               when, pos in plan.rare, rng, stats)
        written.append(w)
        raw = msg.as_bytes()
        _deliver(maildir, plan.first_index + pos, w.when, raw, replied=pos < plan.size - 1, rng=rng)
        stats.messages += 1
        stats.bytes += len(raw)
        stats.languages[client.lang.code if pos != plan.slipup_at else "en"] += 1
        stats.slipup_notes += pos == plan.slipup_at
        stats.rare_messages += pos in plan.rare
    return stats


def _exchange(client: Client, contact: Person, owner: tuple[str, str], from_agency: bool,
              written: list[Written], styles: dict[str, str], base_subject: str, when: datetime,
              rare: bool, rng: random.Random, stats: Stats) -> tuple[Message, Written]:
    """One message between the client and the agency, replying to an earlier one."""
    lang = client.lang
    sender = owner if from_agency else (contact.name, contact.addr)
    to = (contact.name, contact.addr) if from_agency else owner
    tz = ZoneInfo(AGENCY_TZ if from_agency else client.tz)
    local = when.astimezone(tz)
    style = styles["agency" if from_agency else "client"]
    # Most replies answer the latest message; some answer an older one, as threads branch.
    parent = (written[-1] if rng.random() < 0.85 else rng.choice(written)) if written else None
    own = _own_text(lang, from_agency, to[0], owner if from_agency else contact, local, rng)
    quote = _quote(parent, lang, style) if parent else ""
    ps = f"\nPS: {RARE_WORD} is on hold until we hear back from you.\n" if rare else ""
    # The quotable text leaves the PS out, so replies never repeat the rare word.
    quotable, message_text = own + quote, own + ps + quote
    want_html, want_attachment = rng.random() < 0.4, rng.random() < 0.1
    msg = build_message(text=message_text, lang=lang, when=local, rng=rng, want_html=want_html,
                        want_attachment=want_attachment)
    subject = _subject(base_subject, len(written), lang, style)
    domain = "agency.example" if from_agency else client.domain
    w = Written(_message_id(rng, domain, when), _references(parent), sender, to, local, subject,
                quotable)
    _headers(msg, w, parent, lang, rng, cc=rng.random() < 0.15 and not from_agency)
    stats.html += want_html
    stats.attachments += want_attachment
    return msg, w


def _references(parent: Written | None) -> tuple[str, ...]:
    if parent is None:
        return ()
    return parent.references + (parent.message_id,)


def _headers(msg: Message, w: Written, parent: Written | None, lang: Lang, rng: random.Random,
             cc: bool = False) -> None:
    domain = w.sender[1].rpartition("@")[2]
    msg["Received"] = (f"from mail.{domain} (mail.{domain} [198.51.100.{rng.randint(2, 254)}])"
                       f" by mx.agency.example with ESMTPS id {rng.getrandbits(40):010x};"
                       f" {format_datetime(w.when)}")
    msg["From"] = formataddr(w.sender, "utf-8")
    msg["To"] = formataddr(w.to, "utf-8")
    if cc:
        msg["Cc"] = formataddr(OWNERS[1], "utf-8")
    msg["Subject"] = _header_text(w.subject)
    msg["Date"] = format_datetime(w.when)
    msg["Message-ID"] = w.message_id
    if parent is not None:
        msg["In-Reply-To"] = parent.message_id
        msg["References"] = " ".join(w.references)
    msg["Content-Language"] = {"en": "en-GB", "nb": "nb-NO", "da": "da-DK", "sv": "sv-SE",
                               "ca": "ca-ES", "sk": "sk-SK"}[lang.code]
    mailer = rng.choice(MAILERS)
    if mailer:
        msg["X-Mailer"] = mailer
    # The MIME classes wrote their headers first; real mail has the trace headers on top.
    for name in ("MIME-Version", "Content-Type", "Content-Transfer-Encoding"):
        value = msg[name]
        if value is not None:
            del msg[name]
            msg[name] = value


def _slipup_note(parent: Written, owner: tuple[str, str], contact: Person, when: datetime,
                 rare: bool, rng: random.Random) -> tuple[Message, Written]:
    """An owner's note to self in the thread: the `#slipup` directive that opens a case."""
    local = when.astimezone(ZoneInfo(AGENCY_TZ))
    directive = _fill(rng.choice(SLIPUP_NOTES), EN, "", local, rng)
    comment = _fill(rng.choice(SLIPUP_COMMENTS), EN, contact.name.split()[0], local, rng)
    own = f"{directive}\n\n{comment}\n"
    text = own + _quote(parent, EN, "gmail")
    ps = f"\nPS: {RARE_WORD} is on hold until we hear back from them.\n" if rare else ""
    msg = build_message(text=own + ps + text[len(own):], lang=EN, when=local, rng=rng, want_html=False,
                        want_attachment=False)
    base = parent.subject
    for prefix in ("Re: ", "RE: ", "SV: "):
        base = base.removeprefix(prefix)
    subject = "Re: " + base
    w = Written(_message_id(rng, "agency.example", when), _references(parent), owner, owner,
                local, subject, text)
    msg["Authentication-Results"] = ("mx.agency.example; dkim=pass header.d=agency.example;"
                                     " spf=pass smtp.mailfrom=agency.example; dmarc=pass")
    _headers(msg, w, parent, EN, rng)
    return msg, w


def _deliver(maildir: Path, index: int, when: datetime, raw: bytes, replied: bool,
             rng: random.Random) -> None:
    """Maildir delivery name: time.M<usec>P<pid>Q<n>.host, flags in cur/ (seen, replied)."""
    stamp = int(when.timestamp())
    name = f"{stamp}.M{rng.randrange(10**6)}P{4000 + index // 10_000}Q{index}.{HOST}"
    if rng.random() < 0.1:
        path = maildir / "new" / name
    else:
        path = maildir / "cur" / (name + (":2,RS" if replied else ":2,S"))
    with open(path, "wb") as f:
        f.write(raw)


# --- driver ------------------------------------------------------------------------------------------

def _write_chunk(args: tuple[list[ThreadPlan], int, str]) -> Stats:
    plans, seed, maildir = args
    clients = make_clients(seed)
    stats = Stats()
    for plan in plans:
        stats.add(write_thread(plan, clients, seed, Path(maildir)))
    return stats


def generate_maildir(path: Path, n: int, seed: int = 1, workers: int | None = None) -> Stats:
    """Write n messages into a new Maildir at path (cur/new/tmp); same seed, same bytes.

    workers: processes to write with (default: all cores for large n, one for small n).
    """
    started = time.perf_counter()
    path = Path(path)
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    plans = plan_threads(n, seed)
    chunks = [(plans[i:i + 400], seed, str(path)) for i in range(0, len(plans), 400)]
    workers = workers or (1 if n < 5000 else os.cpu_count() or 1)
    stats = Stats()
    if workers == 1:
        for chunk in chunks:
            stats.add(_write_chunk(chunk))
    else:
        import multiprocessing  # only the large runs pay for it

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for part in pool.imap_unordered(_write_chunk, chunks):
                stats.add(part)
    stats.seconds = time.perf_counter() - started
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of messages")
    parser.add_argument("path", type=Path, help="Maildir to create")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    if args.path.exists() and any(args.path.iterdir()):
        print(f"{args.path} is not empty; pick a new directory", file=sys.stderr)
        return 2
    stats = generate_maildir(args.path, args.n, args.seed, args.workers)
    print(stats.as_dict())
    return 0


if __name__ == "__main__":
    sys.exit(main())
