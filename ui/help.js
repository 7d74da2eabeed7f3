// Short help for each screen, shown under its heading (ui/dom.js `show`). Keys are the ids of
// the screens' sections. Plain text only: each string in `body` is one paragraph.
export const HELP = {
  sv: {
    'setup-screen': {
      summary: 'Om installationen',
      body: [
        'Första gången Fristad startar skapas databasen. Fyll i organisationens uppgifter: de står som avsändare på fakturorna. Organisationsnummer och bankgiro kontrolleras, och postadressen behöver postnummer och ort.',
        'Välj var databasens nyckel ska förvaras. Datorns nyckelring rekommenderas: då öppnas Fristad direkt när du är inloggad i datorn. Med en lösenfras (minst 10 tecken) måste den skrivas in vid varje start.',
        '«Skapa databasen» skapar en krypterad databas på den här datorn. Ingenting skickas någonstans. Sedan visas återställningsnyckeln, en enda gång.',
      ],
    },
    'recovery-key-screen': {
      summary: 'Om återställningsnyckeln',
      body: [
        'Återställningsnyckeln öppnar databasen om nyckelringen eller lösenfrasen går förlorad, eller på en ny dator. Den visas bara nu och går inte att ta fram igen.',
        '«Spara som PDF för utskrift …» sparar ett ark som du skriver ut; radera sedan filen. «Kopiera nyckeln» lägger nyckeln i urklipp, som töms igen efter en stund.',
        'Lås in nyckeln skild från datorn, aldrig i e-post eller i molnet. Kryssa i rutan och gå vidare. Efter ett byte av databasnyckel: gör en ny säkerhetskopia med «Säkerhetskopiera nu».',
      ],
    },
    'unlock-screen': {
      summary: 'Om upplåsningen',
      body: [
        'Databasen skyddas med en lösenfras, som behövs varje gång Fristad startar. Skriv den och tryck «Lås upp».',
        'Lösenfrasen är inte ditt lösenord: lösenfrasen öppnar databasen, lösenordet loggar in dig efteråt.',
        'Har lösenfrasen glömts bort: tryck «Använd återställningsnyckeln», skriv de 64 tecknen från återställningsarket och välj en ny lösenfras (eller nyckelringen).',
      ],
    },
    'recover-screen': {
      summary: 'Om återställningsnyckeln',
      body: [
        'Databasens nyckel finns inte där den brukar, till exempel på en ny dator eller när nyckelfilen har försvunnit. Databasen finns kvar och ingenting i den har ändrats.',
        'Skriv återställningsnyckeln från återställningsarket: 64 tecken 0–9 och a–f, mellanslag spelar ingen roll. Välj var nyckeln ska förvaras från och med nu.',
        '«Öppna databasen» öppnar den med återställningsnyckeln och sparar sedan nyckeln på det sätt du valt.',
      ],
    },
    'first-account-screen': {
      summary: 'Om det första kontot',
      body: [
        'Alla som använder Fristad loggar in med ett eget konto, så att det syns vem som har läst och ändrat vad.',
        'Det här första kontot blir administratör och lägger sedan upp konton åt de andra under «Administration». Välj ett lösenord på minst 10 tecken och tryck «Skapa kontot och logga in».',
      ],
    },
    'sign-in-screen': {
      summary: 'Om inloggningen',
      body: [
        'Logga in med ditt eget användarnamn och lösenord och tryck «Logga in».',
        'Efter tre felaktiga försök får du vänta en stund innan nästa, och väntan blir längre för varje nytt fel. Har du glömt lösenordet kan en administratör sätta ett nytt.',
        'Fristad låses när ingen har använt programmet på en stund, och när någon trycker «Lås» eller Ctrl+L. Det som stod på skärmen tas bort; logga in igen för att fortsätta.',
      ],
    },
    'organisation-screen': {
      summary: 'Om organisationens uppgifter',
      body: [
        'Databasen är öppen men organisationens uppgifter saknas. De står som avsändare på varje faktura: namn, organisationsnummer, bankgiro och postadress med postnummer och ort. Kryssa i «Godkänd för F-skatt» om organisationen har F-skatt.',
        '«Spara» sparar uppgifterna och öppnar Fristad. En chef kan ändra dem senare under Taxor; redan utfärdade fakturor behåller de gamla uppgifterna.',
      ],
    },
    'home-screen': {
      summary: 'Om översikten',
      body: [
        'Översikten visar läget just nu: vilka som bor här, de akuta placeringarna, om akutrummet är ledigt och avtalet med kommunen. Allt räknas fram ur det som är registrerat.',
        'Varje akutplacering har en klocka på 48 timmar från ankomsten. Den varnar när mindre än 12 timmar återstår och visar «Försenad» när tiden har gått ut utan beslut från Relationsvåldsenheten. Klicka på placeringen för att registrera kontakt och beslut.',
        '«Ny intagning» registrerar en ny placering. Avtalskortet visar perioden som gäller och sista dag att säga upp avtalet.',
      ],
    },
    'intake-screen': {
      summary: 'Om intagningen',
      body: [
        'Här registrerar du en ny placering, vilken tid som helst på dygnet. Har kvinnan bott här förut: sök på namn, nyckel, födelseår eller personnummer och välj henne, så används samma person igen. Annars räcker förnamn eller initialer.',
        '«Lägg till barn» för varje barn som följer med; ett barn kan flytta in senare och har ett eget beslut. Skriv aldrig namn i kommunens referens.',
        'Ankomsttiden startar akutklockan. Skyddsbedömningen kan dokumenteras senare. «Spara intagningen» sparar allt på en gång eller inget; fel visas vid fältet.',
      ],
    },
    'placements-screen': {
      summary: 'Om placeringarna',
      body: [
        'Alla placeringar, pågående först, med antal barn, kommun, ankomst och hur många som bor kvar. För akuta placeringar visas klockans läge, till exempel «Pågår», «Mindre än 12 timmar kvar» eller «Försenad».',
        'Klicka på namnet för att öppna placeringen: där finns utflyttning, journal, orosanmälningar och kontakten med Relationsvåldsenheten. «Ny intagning» registrerar en ny placering.',
      ],
    },
    'placement-screen': {
      summary: 'Om placeringen',
      body: [
        'Allt om en placering. Vid akutplacering: «Registrera kontakten» med Relationsvåldsenheten och «Registrera beslutet»; beslutet stoppar klockan.',
        '«Flytta ut» en person eller «Flytta ut alla (…)», med vart de flyttade. Blev det fel: «Ångra utflyttning» med en förklaring. En uppgift som skrevs fel (kommun, ankomst, akut, in- och utflyttning …) rättas under «Rätta en uppgift», med skäl; rättelser och rumsbyten visas under «Historik». «Ett barn kommer senare» lägger till ett barn.',
        'Journalen kan inte ändras: «Rätta» skriver en ny anteckning och den gamla finns kvar. Orosanmälningar registreras per barn.',
        'Ändringar som rör redan fakturerade nätter rättas vid nästa fakturering.',
      ],
    },
    'rooms-screen': {
      summary: 'Om rummen',
      body: [
        'Rummen just nu: ledigt, upptaget eller ur bruk, hur många sängar som används och vilka placeringar som bor där. Rum byts på placeringens sida.',
        'Chefer ser också «Rumsregistret». Välj ett rum för att ändra det, eller skriv en ny nyckel för ett nytt rum. «Akutrum» markerar akutrummet. «Ur bruk från (valfritt)» och «till och med» stänger rummet en period, till exempel vid renovering; det räknas i beläggningen i statistiken. Tryck «Spara rummet».',
      ],
    },
    'people-screen': {
      summary: 'Om personerna',
      body: [
        'Sök bland alla som bor eller har bott här, på namn, nyckel, födelseår eller personnummer. Högst 20 träffar visas; skriv mer för att hitta rätt.',
        'Varje person har en nyckel som följer med mellan placeringarna, så att statistiken räknar personer och inte besök. Namn visas bara här och på placeringarna, aldrig på fakturor eller i rapporter. «(gallrad)» betyder att namnet har tagits bort vid gallring.',
      ],
    },
    'person-screen': {
      summary: 'Om personen',
      body: [
        'En person: födelsedata, personnummer om det finns, alla placeringar och anteckningar om personen. Står det «Skyddad identitet» får inga uppgifter om personen lämnas ut.',
        '«Spara anteckningen» lägger till en anteckning med din signatur. Anteckningar kan inte ändras eller tas bort.',
        'Att sidan öppnas loggas. Chefer ser länken till åtkomstloggen: vem som har läst och ändrat personens uppgifter.',
      ],
    },
    'requests-screen': {
      summary: 'Om förfrågningarna',
      body: [
        'Registrera varje förfrågan om plats, också de som fick ja: datum, vem som frågade, hur många vuxna och barn och utfallet. Nekades den, ange skälet (fullt, missbruk, tillgänglighet, tonårsson, säkerhet, utanför målgruppen). Inga namn; i «Hänvisad till» och anteckningen skrivs till exempel en annan jour eller vilken kommun som frågade.',
        'Är det inte avgjort ännu, låt utfallet vara «Inte avgjort ännu» och ange det sedan med «Ange utfall» i listan. Ledde förfrågan till placering kan du välja placeringen.',
        'Förfrågningarna räknas i årsstatistiken: hur många, hur många nekades och varför, och andelen nekade av de avgjorda.',
      ],
    },
    'municipalities-screen': {
      summary: 'Om kommunerna',
      body: [
        'Kommunerna som placerar och betalar. Uppgifterna står på fakturorna: fakturaadress med postnummer och ort, Peppol-id för e-fakturan och referens (YY-kod). Saknas adress eller referens hålls kommunens fakturor inne tills de finns; utan Peppol-id blir det bara PDF.',
        'Prisklass IOP ger rabatterad dygnsavgift. Akutklausulen betyder att akutplaceringens två första dygn inte debiteras utan täcks av serviceavgiften.',
        '«Ändra» fyller i formuläret, «Spara kommunen» sparar. En ändrad prisklass eller akutklausul gäller från ett datum, förifyllt med första natten som inte är fakturerad: redan fakturerade nätter behåller sina villkor. Formuläret visar vad nästa fakturering gör innan du sparar; ett tidigare datum prissätter om fakturerade nätter bara om du kryssar i det.',
      ],
    },
    'agreement-screen': {
      summary: 'Om avtalet',
      body: [
        'Avtalets villkor: motpart, perioder, uppsägningstid och serviceavgift. Perioden som gäller och sista dag att säga upp avtalet räknas fram ur villkoren och visas på översikten.',
        'Serviceavgiften (den fasta årsavgiften) kan ha flera rader, till exempel när ett beslut ändrar beloppet några år. En senare rad gäller före en tidigare där de överlappar.',
        'Skriv vad som ändrades och varför och tryck «Spara ändringen». Varje ändring blir en ny version; de tidigare finns kvar under «Versioner».',
      ],
    },
    'invoicing-screen': {
      summary: 'Om faktureringen',
      body: [
        'Välj datum i «Fakturera t.o.m.», oftast förra månadens sista dag, och tryck «Förhandsgranska». Ingenting utfärdas förrän du trycker på «Utfärda …».',
        'Det blir en faktura per placering och kalendermånad för passerade nätter som inte redan är fakturerade, kreditfakturor där uppgifter har ändrats efter faktureringen, och serviceavgiftens delbetalningar. Varje natt faktureras bara en gång: en ny körning skapar inget nytt.',
        'Fakturorna får nummer i en obruten serie och ändras eller raderas aldrig. Saknar en kommun adress eller referens hålls dess fakturor inne, och här står vad som fattas; de andra utfärdas som vanligt. Datumet kan vara högst i dag.',
      ],
    },
    'invoices-screen': {
      summary: 'Om fakturorna',
      body: [
        'Alla fakturor och kreditfakturor, nyast först, med status och vad som återstår att betala. «Att få betalt» visar vad varje kommun är skyldig och hur mycket som har förfallit. Välj år, status eller kommun för att se ett urval.',
        '«Välj mapp …» sparar en månads fakturor och kreditfakturor som PDF och e-faktura i en mapp. Klicka på ett fakturanummer för att öppna fakturan. «Fakturera» går till faktureringen.',
      ],
    },
    'invoice-screen': {
      summary: 'Om fakturan',
      body: [
        'En utfärdad faktura, precis som den skickades. «Skriv ut», «Spara PDF …» och «Spara e-faktura …» ger den signerade PDF:en och e-fakturan (som saknas om kommunen inte hade Peppol-id). «Påminnelse …» finns när fakturan har förfallit.',
        '«Registrera betalningen» för hela eller en del av beloppet, aldrig mer än det som återstår.',
        'En faktura ändras eller raderas aldrig. Är den fel: «Kreditera fakturan»; kreditfakturan visas först, skriv varför och tryck «Utfärda kreditfaktura». Nätter som fortfarande ska betalas faktureras igen vid nästa fakturering. Var fakturan betald blir det ett tillgodohavande: registrera en återbetalning, eller «Dra av från nästa faktura».',
      ],
    },
    'tariffs-screen': {
      summary: 'Om taxor och inställningar',
      body: [
        'Dygnsavgiften per person och natt, för vuxna och barn, med ett pris för IOP-kommuner och ett för övriga. En taxa gäller från sitt datum tills nästa börjar. «Spara taxan». En ny eller ändrad taxa för nätter som redan är fakturerade rättas vid nästa fakturering.',
        'Under «Fakturering» finns betalningsvillkor, hur nätter räknas, serviceavgiften, SIE-konton, «<3» i statistiken, låsning och gallringstider. «Spara inställningarna»; ändringar sparas med datum och utfärdade fakturor behåller det som gällde.',
        'Här sparar du också SIE-fil till bokföringen och väljer certifikat, organisationens uppgifter och logotyp.',
      ],
    },
    'statistics-screen': {
      summary: 'Om statistiken',
      body: [
        'Siffrorna till verksamhetsberättelsen och halvårsuppföljningen av akutplaceringar, räknade ur registret. Inga namn eller personuppgifter finns med, och antal under 3 personer kan visas som «<3».',
        'Skriv året och tryck «Visa året», eller välj halvår och tryck «Visa halvåret». «Spara PDF …», «Spara Excel (XLSX) …» och «Spara CSV …» sparar det som visas, med samma siffror som på skärmen.',
        'Under Lex Sarah loggar du rapporter om missförhållanden med datum och en kort anteckning utan namn: «Logga rapporten». De räknas i kvalitetsbilagan.',
      ],
    },
    'access-log-screen': {
      summary: 'Om åtkomstloggen',
      body: [
        'Loggen visar vem som har läst, ändrat eller lämnat ut uppgifter, och när. Här visas de senaste 500 händelserna; skriv ett helt användarnamn för att bara se det kontots.',
        'Från en persons sida når du allt som rör just den personen. Den loggen kan sparas med «Spara som CSV», och att du läser den loggas också.',
        'Loggen kan inte ändras eller raderas i programmet.',
      ],
    },
    'accounts-screen': {
      summary: 'Om kontona',
      body: [
        'Alla som använder Fristad har ett eget konto. Personal arbetar med placeringar och journal; Chef även med fakturor, statistik, register och inställningar; Administratör även med konton, gallring och säkerhetskopior.',
        '«Lägg upp kontot» skapar ett konto. Byt roll eller kryssa i «Avstängt» och tryck «Spara». Konton tas aldrig bort, bara stängs av, så att loggen alltid visar vem som gjorde vad. Minst en administratör måste vara aktiv.',
        'Har någon glömt sitt lösenord: välj kontot under «Glömt lösenord» och tryck «Sätt nytt lösenord».',
      ],
    },
    'my-account-screen': {
      summary: 'Om ditt konto',
      body: [
        'Ditt namn, användarnamn och roll. För att byta lösenord skriver du det nuvarande och sedan det nya två gånger (minst 10 tecken) och trycker «Byt lösenord».',
        'Har du glömt lösenordet kan en administratör sätta ett nytt åt dig. Lås Fristad med «Lås» eller Ctrl+L när du går ifrån datorn.',
      ],
    },
    'retention-screen': {
      summary: 'Om gallringen',
      body: [
        'Gallring tar bort personuppgifter som inte längre behövs: namn, personnummer och födelsedatum, placeringarnas fritext och ändringshistorik, och journalanteckningar, ett visst antal år efter den sista vistelsen. Tiderna ställs in under Taxor.',
        'Sidan visar vad en gallring i dag skulle ta bort. «Gallra nu» och sedan «Ja, gallra» tar bort det för gott; det går bara att få tillbaka från en äldre säkerhetskopia.',
        'Fakturor och statistik påverkas inte. Varje gallring sparas under «Tidigare gallringar».',
      ],
    },
    'database-key-screen': {
      summary: 'Om bytet av databasnyckel',
      body: [
        'Byt nyckel om en nyckelfil, lösenfrasen eller återställningsnyckeln kan ha kommit i orätta händer. Databasen krypteras om med en ny nyckel; inget som är sparat ändras.',
        'Välj var den nya nyckeln ska förvaras, kryssa i rutan och tryck «Byt nyckel». Den nya återställningsnyckeln visas en gång: skriv ut arket och lås in det. Den gamla återställningsnyckeln fungerar inte längre.',
        'Säkerhetskopior som redan finns öppnas bara med den gamla nyckeln. Tryck «Säkerhetskopiera nu» direkt efter bytet.',
      ],
    },
    'backups-screen': {
      summary: 'Om säkerhetskopiorna',
      body: [
        'En säkerhetskopia är en krypterad fil som bara går att öppna med databasens nyckel eller återställningsnyckeln. «Välj mapp …» på en USB-sticka eller nätverksmapp, sedan «Säkerhetskopiera nu».',
        'Automatiska kopior kan göras när Fristad stängs och en gång om dagen. De äldsta automatiska tas bort när de blir fler än du valt; andra kopior tas aldrig bort.',
        '«Välj fil och kontrollera …» provar en kopia utan att ändra något. «Välj fil och läs tillbaka …» ersätter databasen; den nuvarande sparas under ett daterat namn och alla loggas ut.',
        'På en ny dator efter att den gamla gått sönder: läs tillbaka den gamla datorns kopia med dess återställningsnyckel och välj var nyckeln ska förvaras här.',
      ],
    },
  },
  en: {
    'setup-screen': {
      summary: 'About the setup',
      body: [
        'The first time Fristad starts, it creates its database. Fill in the organisation’s details: they appear as the sender on invoices. The organisation number and bankgiro (the Swedish giro account) are checked, and the postal address needs a postcode and town.',
        'Choose where the database key is kept. The computer’s keyring is recommended: Fristad then opens as soon as you are signed in to the computer. With a passphrase (at least 10 characters), it must be typed at every start.',
        '«Create the database» creates an encrypted database on this computer. Nothing is sent anywhere. Then the recovery key is shown, once only.',
      ],
    },
    'recovery-key-screen': {
      summary: 'About the recovery key',
      body: [
        'The recovery key opens the database if the keyring or passphrase is lost, or on a new computer. It is shown only now and cannot be shown again.',
        '«Save as PDF for printing …» saves a sheet for you to print; then delete the file. «Copy the key» puts the key on the clipboard, which is emptied again after a short while.',
        'Lock the key away, apart from the computer, never in e-mail or the cloud. Tick the box and go on. After a change of the database key: make a new backup with «Back up now».',
      ],
    },
    'unlock-screen': {
      summary: 'About unlocking',
      body: [
        'The database is protected by a passphrase, which is needed every time Fristad starts. Type it and press «Unlock».',
        'The passphrase is not your password: the passphrase opens the database, your password signs you in afterwards.',
        'If the passphrase is forgotten: press «Use the recovery key», type the 64 characters from the recovery sheet and choose a new passphrase (or the keyring).',
      ],
    },
    'recover-screen': {
      summary: 'About the recovery key',
      body: [
        'The database key is not where it is normally kept, for example on a new computer or when the key file has gone missing. The database is still there and nothing in it has changed.',
        'Type the recovery key from the recovery sheet: 64 characters 0–9 and a–f; spaces do not matter. Choose where the key is to be kept from now on.',
        '«Open the database» opens it with the recovery key and then keeps the key the way you chose.',
      ],
    },
    'first-account-screen': {
      summary: 'About the first account',
      body: [
        'Everyone who uses Fristad signs in with their own account, so that it shows who has read and changed what.',
        'This first account becomes the administrator and then creates accounts for the others under «Administration». Choose a password of at least 10 characters and press «Create the account and sign in».',
      ],
    },
    'sign-in-screen': {
      summary: 'About signing in',
      body: [
        'Sign in with your own user name and password and press «Sign in».',
        'After three failed attempts you must wait a little before the next one, and the wait grows with each new failure. If you have forgotten your password, an administrator can set a new one.',
        'Fristad locks when nobody has used it for a while, and when someone presses «Lock» or Ctrl+L. What was on the screen is removed; sign in again to go on.',
      ],
    },
    'organisation-screen': {
      summary: 'About the organisation’s details',
      body: [
        'The database is open but the organisation’s details are missing. They appear as the sender on every invoice: name, organisation number, bankgiro (the Swedish giro account) and postal address with postcode and town. Tick «Approved for F-skatt (registered for business tax)» if the organisation is approved for F-skatt.',
        '«Save» saves the details and opens Fristad. A manager can change them later under Tariffs; invoices already issued keep the old details.',
      ],
    },
    'home-screen': {
      summary: 'About the overview',
      body: [
        'The overview shows the situation now: who is staying here, the acute placements, whether the acute room is free, and the agreement with the municipality. Everything is worked out from what has been recorded.',
        'Each acute placement has a 48-hour clock from arrival. It warns when less than 12 hours are left and shows «Overdue» when the time has run out without a decision from Relationsvåldsenheten (the municipality’s domestic violence unit). Click the placement to register the contact and the decision.',
        '«New intake» records a new placement. The agreement card shows the period in force and the last day to give notice.',
      ],
    },
    'intake-screen': {
      summary: 'About the intake',
      body: [
        'Here you record a new placement, at any hour. If the woman has stayed here before, search by name, key, year of birth or personnummer (Swedish personal identity number) and choose her, so the same person is used again. Otherwise a first name or initials is enough.',
        '«Add a child» for each child who comes along; a child may move in later and has a decision of its own. Never write a name in the municipality’s reference.',
        'The arrival time starts the acute clock. The skyddsbedömning (protection assessment by social services or the police) can be documented later. «Save the intake» saves everything at once or nothing; problems are shown beside their field.',
      ],
    },
    'placements-screen': {
      summary: 'About the placements',
      body: [
        'All placements, ongoing ones first, with number of children, municipality, arrival and how many are still here. For acute placements the clock’s state is shown, for example «Running», «Less than 12 hours left» or «Overdue».',
        'Click the name to open the placement: move-out, journal, orosanmälningar (reports of concern about a child) and the contact with Relationsvåldsenheten are there. «New intake» records a new placement.',
      ],
    },
    'placement-screen': {
      summary: 'About the placement',
      body: [
        'Everything about one placement. For an acute placement: «Register the contact» with Relationsvåldsenheten (the municipality’s domestic violence unit) and «Register the decision»; the decision stops the clock.',
        '«Move out» one person or «Move everyone out (…)», with where they went. If it was wrong: «Undo move-out» with a reason. A detail typed wrong (municipality, arrival, acute, move-in and move-out …) is corrected under «Correct a detail», with a reason; corrections and room changes are shown under «History». «A child is coming later» adds a child.',
        'The journal cannot be changed: «Correct» writes a new note and the old one stays. Orosanmälningar (reports of concern) are registered per child.',
        'Changes that affect nights already invoiced are corrected at the next invoicing.',
      ],
    },
    'rooms-screen': {
      summary: 'About the rooms',
      body: [
        'The rooms now: free, occupied or out of use, how many beds are in use and which placements are in them. Rooms are changed on the placement’s page.',
        'Managers also see «Room register». Choose a room to change it, or type a new key for a new room. «Acute room» marks the acute room. «Out of use from (optional)» and «up to and including» close the room for a period, for example for repairs; this counts in the occupancy figures. Press «Save the room».',
      ],
    },
    'people-screen': {
      summary: 'About the people',
      body: [
        'Search everyone who stays or has stayed here, by name, key, year of birth or personnummer (Swedish personal identity number). At most 20 matches are shown; type more to narrow it down.',
        'Each person has a key that follows them from placement to placement, so the statistics count people, not stays. Names are shown only here and on placements, never on invoices or in reports. «(erased)» means the name has been removed by retention (gallring).',
      ],
    },
    'person-screen': {
      summary: 'About the person',
      body: [
        'One person: birth details, personnummer (Swedish personal identity number) if recorded, all placements and notes about the person. If it says «Protected identity», nothing about the person may be given out.',
        '«Save the note» adds a note with your signature. Notes cannot be changed or removed.',
        'Opening this page is logged. Managers see the link to the access log: who has read and changed the person’s details.',
      ],
    },
    'requests-screen': {
      summary: 'About the requests',
      body: [
        'Record every request for a place, also those that were granted: the date, who asked, how many adults and children, and the outcome. If it was refused, give the reason (full, substance use, accessibility, teenage son, security, outside the target group). No names; «Referred to» and the note say, for example, another shelter or which municipality asked.',
        'If it is not decided yet, leave the outcome as «Not decided yet» and give it later with «Give the outcome» in the list. If the request led to a placement you can choose the placement.',
        'The requests count in the yearly statistics: how many, how many were refused and why, and the share refused of those decided.',
      ],
    },
    'municipalities-screen': {
      summary: 'About the municipalities',
      body: [
        'The municipalities that place people and pay. Their details go on the invoices: invoice address with postcode and town, Peppol ID for the e-invoice, and reference (YY-kod, the municipality’s reference code). Without an address or reference the municipality’s invoices are held back until they are there; without a Peppol ID there is only the PDF.',
        'Price class IOP (idéburet offentligt partnerskap, a non-profit partnership agreement) gives the reduced daily fee. The acute clause means the first two days of an acute placement are not charged but covered by the service fee.',
        '«Edit» fills in the form, «Save the municipality» saves it. A changed price class or acute clause applies from a date, filled in with the first night not yet invoiced: nights already invoiced keep their terms. The form shows what the next invoicing run does before you save; an earlier date re-prices invoiced nights only if you tick it.',
      ],
    },
    'agreement-screen': {
      summary: 'About the agreement',
      body: [
        'The agreement’s terms: the counterparty, periods, notice and service fee. The period in force and the last day to give notice are worked out from the terms and shown on the overview.',
        'The service fee (the fixed yearly fee) may have several rows, for example when a decision changes the amount for a few years. A later row applies before an earlier one where they overlap.',
        'Write what changed and why and press «Save the change». Each change becomes a new version; the earlier ones stay under «Versions».',
      ],
    },
    'invoicing-screen': {
      summary: 'About invoicing',
      body: [
        'Choose a date in «Invoice up to and including», usually the last day of the previous month, and press «Preview». Nothing is issued until you press «Issue …».',
        'The run makes one invoice per placement and calendar month for past nights not yet invoiced, credit notes where details have changed since invoicing, and the service fee’s instalments. Each night is invoiced only once: running it again creates nothing new.',
        'Invoices are numbered in one unbroken series and are never changed or deleted. If a municipality lacks an address or reference its invoices are held back, and this screen says what is missing; the others are issued as usual. The date can be today at the latest.',
      ],
    },
    'invoices-screen': {
      summary: 'About the invoices',
      body: [
        'All invoices and credit notes, newest first, with their status and what is left to pay. «Owed to us» shows what each municipality owes and how much is overdue. Choose year, status or municipality to narrow the list.',
        '«Choose folder …» saves a month’s invoices and credit notes as PDF and e-invoice in a folder. Click an invoice number to open the invoice. «Invoice» goes to Invoicing.',
      ],
    },
    'invoice-screen': {
      summary: 'About the invoice',
      body: [
        'An issued invoice, exactly as it was sent. «Print», «Save PDF …» and «Save e-invoice …» give the signed PDF and the e-invoice (missing if the municipality had no Peppol ID). «Reminder …» appears when the invoice is overdue.',
        '«Record the payment» for all or part of the amount, never more than what is left.',
        'An invoice is never changed or deleted. If it is wrong: «Credit the invoice»; the credit note is shown first, say why and press «Issue a credit note». Nights still to be paid are invoiced again at the next invoicing. If the invoice was paid, a credit balance remains: record a refund, or «Take off the next invoice».',
      ],
    },
    'tariffs-screen': {
      summary: 'About tariffs and settings',
      body: [
        'The daily fee per person and night, for adults and children, with one price for IOP municipalities (with a non-profit partnership agreement) and one for others. A tariff applies from its date until the next one starts. «Save the tariff». A new or changed tariff for nights already invoiced is corrected at the next invoicing.',
        'Under «Invoicing» are payment terms, how nights are counted, the service fee, SIE accounts (for bookkeeping), «<3» in the statistics, locking and retention periods. «Save the settings»; changes are kept with their date and issued invoices keep what applied.',
        'Here you also save an SIE file for the bookkeeping and set the signing certificate, the organisation’s details and logo.',
      ],
    },
    'statistics-screen': {
      summary: 'About the statistics',
      body: [
        'The figures for the verksamhetsberättelse (annual report) and the half-yearly follow-up of acute placements, counted from the register. No names or personal details are included, and numbers below 3 people can be shown as «<3».',
        'Type the year and press «Show the year», or choose a half-year and press «Show the half-year». «Save PDF …», «Save Excel (XLSX) …» and «Save CSV …» save what is shown, with the same figures as on screen.',
        'Under Lex Sarah (the duty to report wrongdoings in care) you log reports with a date and a short note without names: «Log the report». They are counted in the quality appendix.',
      ],
    },
    'access-log-screen': {
      summary: 'About the access log',
      body: [
        'The log shows who has read, changed or given out details, and when. The latest 500 events are shown here; type a full user name to see only that account’s.',
        'From a person’s page you reach everything about that person. That log can be saved with «Save as CSV», and reading it is logged too.',
        'The log cannot be changed or deleted in the program.',
      ],
    },
    'accounts-screen': {
      summary: 'About the accounts',
      body: [
        'Everyone who uses Fristad has their own account. Staff work with placements and the journal; Manager also with invoices, statistics, registers and settings; Administrator also with accounts, retention and backups.',
        '«Create the account» makes an account. Change the role or tick «Disabled» and press «Save». Accounts are never deleted, only disabled, so the log always shows who did what. At least one administrator must stay active.',
        'If someone has forgotten their password: choose the account under «Forgotten password» and press «Set a new password».',
      ],
    },
    'my-account-screen': {
      summary: 'About your account',
      body: [
        'Your name, user name and role. To change your password, type the current one, then the new one twice (at least 10 characters), and press «Change password».',
        'If you have forgotten your password, an administrator can set a new one for you. Lock Fristad with «Lock» or Ctrl+L when you leave the computer.',
      ],
    },
    'retention-screen': {
      summary: 'About retention',
      body: [
        'Retention (gallring) removes personal details that are no longer needed: names, personnummer and dates of birth, the placements’ free text and change history, and journal notes, a set number of years after the last stay. The periods are set under Tariffs.',
        'The page shows what a retention run today would remove. «Run retention now», then «Yes, remove it», removes it for good; it can only be brought back from an older backup.',
        'Invoices and statistics are not affected. Each run is kept under «Earlier retention runs».',
      ],
    },
    'database-key-screen': {
      summary: 'About changing the database key',
      body: [
        'Change the key if a key file, the passphrase or the recovery key may have fallen into the wrong hands. The database is encrypted again under a new key; nothing that is saved changes.',
        'Choose where the new key is to be kept, tick the box and press «Change the key». The new recovery key is shown once: print the sheet and lock it away. The old recovery key no longer works.',
        'Backups that already exist open only with the old key. Press «Back up now» straight after the change.',
      ],
    },
    'backups-screen': {
      summary: 'About backups',
      body: [
        'A backup is one encrypted file that only the database key or the recovery key can open. «Choose folder …» on a USB stick or network folder, then «Back up now».',
        'Automatic backups can be made when Fristad is closed and once a day. The oldest automatic ones are removed when there are more than you chose; other backups are never removed.',
        '«Choose a file and check it …» tests a backup without changing anything. «Choose a file and restore it …» replaces the database; the current one is kept under a dated name and everyone is signed out.',
        'On a new computer after the old one broke: restore the old computer\'s backup with its recovery key and choose where the key is kept here.',
      ],
    },
  },
};
