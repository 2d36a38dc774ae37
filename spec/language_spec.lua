-- Language guessing: stopword profiles for Latin script, scripts and
-- distinctive letters for the rest, "und" when the text says too little.
local newsnlp = require "newsnlp"

-- One news paragraph per language, written for these tests.
local SAMPLES = {
  en = "The government announced on Monday that it would raise taxes on fuel, and the " ..
       "opposition said the plan was not fair to families who drive to work.",
  de = "Die Bundesregierung hat am Montag angekündigt, dass die Steuern auf Benzin steigen " ..
       "werden. Die Opposition hält den Plan für ungerecht gegenüber den Familien.",
  fr = "Le gouvernement a annoncé lundi qu'il allait augmenter les taxes sur le carburant. " ..
       "L'opposition estime que ce projet n'est pas juste pour les familles.",
  es = "El gobierno anunció el lunes que subirá los impuestos sobre el combustible. La " ..
       "oposición dijo que el plan no es justo para las familias que trabajan.",
  it = "Il governo ha annunciato lunedì che aumenterà le tasse sul carburante. " ..
       "L'opposizione ha detto che il piano non è giusto per le famiglie.",
  pt = "O governo anunciou na segunda-feira que vai aumentar os impostos sobre os " ..
       "combustíveis. A oposição disse que o plano não é justo para as famílias.",
  nl = "De regering heeft maandag aangekondigd dat de belastingen op brandstof omhoog gaan. " ..
       "De oppositie zegt dat het plan niet eerlijk is voor gezinnen met kinderen.",
  ru = "Правительство в понедельник объявило, что повысит налоги на топливо. Оппозиция " ..
       "заявила, что этот план несправедлив для семей, которые ездят на работу.",
  uk = "Уряд у понеділок оголосив, що підвищить податки на пальне. Опозиція заявила, що " ..
       "цей план є несправедливим для сімей, які їздять на роботу.",
  zh = "政府星期一宣布将提高燃油税。反对派表示，这项计划对家庭不公平。",
  ja = "政府は月曜日、燃料税を引き上げると発表した。野党はこの計画は家族にとって不公平だと述べた。",
  ko = "정부는 월요일 연료세를 인상하겠다고 발표했다. 야당은 이 계획이 가정에 불공평하다고 말했다.",
  el = "Η κυβέρνηση ανακοίνωσε τη Δευτέρα ότι θα αυξήσει τους φόρους στα καύσιμα.",
  ar = "أعلنت الحكومة يوم الاثنين أنها سترفع الضرائب على الوقود.",
  fa = "دولت روز دوشنبه اعلام کرد که مالیات بر سوخت را افزایش می‌دهد و مخالفان گفتند این طرح عادلانه نیست.",
  he = "הממשלה הודיעה ביום שני כי תעלה את המסים על הדלק.",
  hi = "सरकार ने सोमवार को घोषणा की कि वह ईंधन पर कर बढ़ाएगी।",
  th = "รัฐบาลประกาศเมื่อวันจันทร์ว่าจะขึ้นภาษีน้ำมัน",
  sv = "Regeringen meddelade på måndagen att skatten på bensin ska höjas. Oppositionen " ..
       "säger att planen inte är rättvis mot familjer som kör till jobbet.",
  da = "Jeg ved ikke, hvad han sagde til mig, men det var noget af det bedste, jeg har " ..
       "hørt efter krigen.",
  no = "Jeg vet ikke hva han sa til meg, men det var noe av det beste jeg har hørt etter " ..
       "krigen.",
  fi = "Hallitus ilmoitti maanantaina, että bensiinin veroa korotetaan. Oppositio sanoo, " ..
       "että suunnitelma ei ole reilu perheille, jotka ajavat töihin.",
  pl = "Rząd ogłosił w poniedziałek, że podatek od benzyny zostanie podniesiony. Opozycja " ..
       "twierdzi, że plan nie jest sprawiedliwy dla rodzin, które dojeżdżają do pracy.",
  cs = "Vláda v pondělí oznámila, že daň z benzinu se zvýší. Opozice tvrdí, že plán není " ..
       "spravedlivý vůči rodinám, které jezdí do práce autem.",
  hu = "A kormány hétfőn bejelentette, hogy emelik a benzin adóját. Az ellenzék szerint a " ..
       "terv nem igazságos azokkal a családokkal szemben, akik autóval járnak dolgozni.",
  ro = "Guvernul a anunțat luni că taxa pe benzină va fi majorată. Opoziția spune că planul " ..
       "nu este corect pentru familiile care merg cu mașina la serviciu.",
  ca = "El govern va anunciar dilluns que l'impost sobre la benzina augmentarà. L'oposició " ..
       "diu que el pla no és just per a les famílies que van a treballar amb cotxe.",
  tr = "Bu karar, hükümet ile muhalefet arasında bir anlaşma olarak görülüyor ve bu nedenle " ..
       "çok önemli.",
  id = "Pemerintah mengumumkan pada hari Senin bahwa pajak bensin akan dinaikkan. Oposisi " ..
       "mengatakan bahwa rencana itu tidak adil bagi keluarga yang pergi bekerja dengan mobil.",
}

describe("newsnlp.language", function()
  for code, text in pairs(SAMPLES) do
    it("recognizes " .. code, function()
      local lang, confidence = newsnlp.language(text)
      assert.equal(code, lang)
      assert.is_true(confidence > 0.2 and confidence <= 1, tostring(confidence))
    end)
  end

  it("answers 'und' with confidence 0 when the text says too little", function()
    for _, text in ipairs { "", "   ", "12345 678", "Obama", "the", "Angela Merkel",
                            "!!! ???", "\240\159\152\128", "https://example.com/a" } do
      local lang, confidence = newsnlp.language(text)
      assert.equal("und", lang, text)
      assert.equal(0, confidence)
    end
  end)

  it("answers 'und' for a Latin-script language it has no profile of", function()
    -- Estonian shares "et" with French, by chance: too few of its words.
    local lang = newsnlp.language("Valitsus teatas esmaspäeval, et bensiini maksu tõstetakse. " ..
      "Opositsioon ütleb, et plaan pole õiglane perede suhtes, kes sõidavad tööle.")
    assert.equal("und", lang)
  end)

  it("answers 'und' when close languages share every function word of the text", function()
    -- Danish or Norwegian: nothing here belongs to one of them only.
    assert.equal("und", (newsnlp.language("Planen er ikke god for familier som kjører på jobb.")))
  end)

  it("decides short Latin texts from two stopwords", function()
    assert.equal("en", (newsnlp.language("the bank of Japan")))
    assert.equal("de", (newsnlp.language("Der Kanzler und die Bank")))
  end)

  it("follows the script that holds most letters", function()
    local mixed = SAMPLES.ru .. " BBC Radio, The Stooges, Megadeth."
    assert.equal("ru", (newsnlp.language(mixed)))
    assert.equal("zh", (newsnlp.language(SAMPLES.zh .. " Reuters")))
  end)

  it("is more confident with more text", function()
    local _, short = newsnlp.language("Die Regierung und der Plan")
    local _, long = newsnlp.language(SAMPLES.de)
    assert.is_true(long > short)
  end)

  it("never gives a language for text without letters, whatever the bytes", function()
    local lang = newsnlp.language("\255\254\0\1 42 \192\128")
    assert.equal("und", lang)
  end)

  it("reads binary data as no language, and text with a few bad bytes as its language", function()
    -- a fixed linear congruential sequence of bytes: the short letter runs
    -- inside them ("a", "de", "le") would otherwise hit stopword profiles
    local bytes, x = {}, 12345
    for i = 1, 200000 do
      x = (x * 1103515245 + 12345) % 2147483648
      bytes[i] = string.char(math.floor(x / 65536) % 256)
    end
    local lang, confidence = newsnlp.language(table.concat(bytes))
    assert.equal("und", lang)
    assert.equal(0, confidence)
    assert.equal("fr", (newsnlp.language(SAMPLES.fr .. "\255\254" .. SAMPLES.fr)))
  end)

  it("raises for a non-string", function()
    assert.has_error(function() newsnlp.language(nil) end)
    assert.has_error(function() newsnlp.language({}) end)
  end)
end)

describe("language in the term functions", function()
  it("uses the guess and reports it", function()
    for code, text in pairs(SAMPLES) do
      local _, lang = newsnlp.terms(text)
      assert.equal(code, lang)
    end
  end)

  it("uses an explicit language as given, even a wrong one", function()
    local t, lang = newsnlp.terms(SAMPLES.de, { lang = "en" })
    assert.equal("en", lang)
    assert.equal(3, t.die) -- not an English stopword
  end)
end)
