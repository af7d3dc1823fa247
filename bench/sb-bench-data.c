/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-bench-data.c: the benchmarks' catalogue generator.  Products are
 * drawn from small tables of real-world goods of Korean and Russian
 * sellers — clothing by material, fit and colour, cosmetics by ingredient
 * and effect, Korean and Russian foods and home goods — with the Russian
 * adjectives agreeing with the noun's gender, so that titles, search
 * words and sort keys look like a real catalogue and not like random
 * letters.  Everything is drawn from one seeded GRand.
 */
#include "config.h"

#include <string.h>

#include "sb-bench-data.h"

struct _SbBenchGen
{
  GRand *rand;
};

/* Russian adjective forms: masculine, feminine, neuter, plural. */
typedef struct {
  const char *ko;
  const char *ru[4];
  const char *en;
  const char *attr;
} Word;

typedef struct {
  const char *category;
  const char *ko;
  const char *ru;
  guint       gender;   /* index into Word.ru */
  const char *en;
  const char *hs;
  gboolean    socks;
} ClothingType;

static const ClothingType clothing_types[] = {
  { "1001", "티셔츠", "Футболка", 1, "T-shirt", "610910", FALSE },
  { "1001", "반팔티", "Футболка с коротким рукавом", 1, "Short Sleeve Tee", "610910", FALSE },
  { "1002", "후드티", "Худи", 2, "Hoodie", "611020", FALSE },
  { "1002", "맨투맨", "Свитшот", 0, "Sweatshirt", "611020", FALSE },
  { "1003", "원피스", "Платье", 2, "Dress", "620442", FALSE },
  { "1004", "청바지", "Джинсы", 3, "Jeans", "620342", FALSE },
  { "1005", "자켓", "Куртка", 1, "Jacket", "620193", FALSE },
  { "1005", "코트", "Пальто", 2, "Coat", "620231", FALSE },
  { "1005", "가디건", "Кардиган", 0, "Cardigan", "611030", FALSE },
  { "1006", "양말", "Носки", 3, "Socks", "611595", TRUE },
};

static const Word materials[] = {
  { "면", { "хлопковый", "хлопковая", "хлопковое", "хлопковые" }, "Cotton", "cotton" },
  { "린넨", { "льняной", "льняная", "льняное", "льняные" }, "Linen", "linen" },
  { "울", { "шерстяной", "шерстяная", "шерстяное", "шерстяные" }, "Wool", "wool" },
  { "데님", { "джинсовый", "джинсовая", "джинсовое", "джинсовые" }, "Denim", "denim" },
  { "실크", { "шёлковый", "шёлковая", "шёлковое", "шёлковые" }, "Silk", "silk" },
  { "폴리", { "полиэстеровый", "полиэстеровая", "полиэстеровое", "полиэстеровые" }, "Polyester", "polyester" },
  { "나일론", { "нейлоновый", "нейлоновая", "нейлоновое", "нейлоновые" }, "Nylon", "nylon" },
};

static const Word fits[] = {
  { "오버핏", { "оверсайз", "оверсайз", "оверсайз", "оверсайз" }, "Oversized", NULL },
  { "슬림핏", { "приталенный", "приталенная", "приталенное", "приталенные" }, "Slim Fit", NULL },
  { "루즈핏", { "свободный", "свободная", "свободное", "свободные" }, "Loose Fit", NULL },
  { "레귤러핏", { "классический", "классическая", "классическое", "классические" }, "Regular Fit", NULL },
  { "크롭", { "укороченный", "укороченная", "укороченное", "укороченные" }, "Cropped", NULL },
  { "베이직", { "базовый", "базовая", "базовое", "базовые" }, "Basic", NULL },
};

static const Word colours[] = {
  { "화이트", { "белый", "белая", "белое", "белые" }, "White", NULL },
  { "블랙", { "чёрный", "чёрная", "чёрное", "чёрные" }, "Black", NULL },
  { "네이비", { "тёмно-синий", "тёмно-синяя", "тёмно-синее", "тёмно-синие" }, "Navy", NULL },
  { "베이지", { "бежевый", "бежевая", "бежевое", "бежевые" }, "Beige", NULL },
  { "그레이", { "серый", "серая", "серое", "серые" }, "Grey", NULL },
  { "아이보리", { "молочный", "молочная", "молочное", "молочные" }, "Ivory", NULL },
  { "카키", { "цвета хаки", "цвета хаки", "цвета хаки", "цвета хаки" }, "Khaki", NULL },
  { "핑크", { "розовый", "розовая", "розовое", "розовые" }, "Pink", NULL },
  { "브라운", { "коричневый", "коричневая", "коричневое", "коричневые" }, "Brown", NULL },
  { "스카이블루", { "голубой", "голубая", "голубое", "голубые" }, "Sky Blue", NULL },
  { "차콜", { "графитовый", "графитовая", "графитовое", "графитовые" }, "Charcoal", NULL },
};

typedef struct {
  const char *category;
  const char *ko;
  const char *ru;
  guint       gender;
  const char *en;
  const char *hs;
} CosmeticType;

static const CosmeticType cosmetic_types[] = {
  { "2101", "크림", "Крем", 0, "Cream", "330499" },
  { "2103", "세럼", "Сыворотка", 1, "Serum", "330499" },
  { "2103", "에센스", "Эссенция", 1, "Essence", "330499" },
  { "2103", "토너", "Тоник", 0, "Toner", "330499" },
  { "2105", "클렌징폼", "Пенка для умывания", 1, "Cleansing Foam", "340130" },
  { "2101", "앰플", "Ампула", 1, "Ampoule", "330499" },
};

static const Word ingredients[] = {
  { "어성초", { "с экстрактом хауттюйнии", NULL, NULL, NULL }, "Heartleaf", NULL },
  { "병풀", { "с центеллой азиатской", NULL, NULL, NULL }, "Centella", NULL },
  { "히알루론산", { "с гиалуроновой кислотой", NULL, NULL, NULL }, "Hyaluronic Acid", NULL },
  { "녹차", { "с зелёным чаем", NULL, NULL, NULL }, "Green Tea", NULL },
  { "달팽이", { "с муцином улитки", NULL, NULL, NULL }, "Snail Mucin", NULL },
  { "쌀", { "с рисовым экстрактом", NULL, NULL, NULL }, "Rice", NULL },
  { "프로폴리스", { "с прополисом", NULL, NULL, NULL }, "Propolis", NULL },
  { "인삼", { "с женьшенем", NULL, NULL, NULL }, "Ginseng", NULL },
};

static const Word effects[] = {
  { "진정", { "успокаивающий", "успокаивающая", "успокаивающее", "успокаивающие" }, "Calming", NULL },
  { "수분", { "увлажняющий", "увлажняющая", "увлажняющее", "увлажняющие" }, "Moisturizing", NULL },
  { "미백", { "осветляющий", "осветляющая", "осветляющее", "осветляющие" }, "Brightening", NULL },
  { "영양", { "питательный", "питательная", "питательное", "питательные" }, "Nourishing", NULL },
  { "탄력", { "подтягивающий", "подтягивающая", "подтягивающее", "подтягивающие" }, "Firming", NULL },
};

static const guint volumes_ml[] = { 30, 50, 100, 150, 200 };

/* Foods and home goods: a fixed name, a unit and a few sizes. */
typedef struct {
  const char *category;
  const char *ko;
  const char *ru;
  const char *en;
  const char *hs;
  const char *unit_ko;   /* "g", "ml" */
  const char *unit_ru;   /* "г", "мл" */
  guint       sizes[3];
  gboolean    russian;
  const char *country;
} Good;

static const Good goods[] = {
  { "5006", "6년근 홍삼정", "Экстракт красного женьшеня 6-летнего", "6-Year Red Ginseng Extract", "130219", "g", "г", { 100, 240, 0 }, FALSE, "KR" },
  { "5002", "매운 볶음면", "Лапша острая обжаренная", "Spicy Stir-fried Noodles", "190230", "g", "г", { 140, 700, 0 }, FALSE, "KR" },
  { "5001", "제주 녹차 티백", "Чай зелёный чеджу в пакетиках", "Jeju Green Tea Bags", "090210", "g", "г", { 40, 80, 0 }, FALSE, "KR" },
  { "5004", "고추장", "Паста перцовая кочхуджан", "Gochujang Chili Paste", "210390", "g", "г", { 500, 1000, 0 }, FALSE, "KR" },
  { "5003", "약과", "Печенье медовое якгва", "Yakgwa Honey Cookies", "190590", "g", "г", { 300, 0, 0 }, FALSE, "KR" },
  { "5004", "된장", "Паста соевая твенджан", "Doenjang Soybean Paste", "210390", "g", "г", { 500, 1000, 0 }, FALSE, "KR" },
  { "5005", "알타이 메밀꿀", "Мёд алтайский гречишный", "Altai Buckwheat Honey", "040900", "g", "г", { 250, 500, 1000 }, TRUE, "RU" },
  { "5005", "바시키르 린덴꿀", "Мёд башкирский липовый", "Bashkir Linden Honey", "040900", "g", "г", { 250, 500, 1000 }, TRUE, "RU" },
  { "5001", "이반차 발효차", "Иван-чай ферментированный", "Fermented Fireweed Tea", "121190", "g", "г", { 50, 100, 0 }, TRUE, "RU" },
  { "5003", "알룐카 밀크 초콜릿", "Шоколад молочный Алёнка", "Alenka Milk Chocolate", "180632", "g", "г", { 90, 200, 0 }, TRUE, "RU" },
  { "5003", "툴라 프랴니크", "Пряник тульский с повидлом", "Tula Gingerbread", "190590", "g", "г", { 140, 300, 0 }, TRUE, "RU" },
  { "5003", "바닐라 제피르", "Зефир ванильный", "Vanilla Zefir", "170490", "g", "г", { 250, 500, 0 }, TRUE, "RU" },
  { "5004", "러시안 머스터드", "Горчица русская", "Russian Mustard", "210330", "g", "г", { 100, 170, 0 }, TRUE, "RU" },
  { "4006", "소나무향 캔들", "Свеча ароматическая хвойная", "Pine Scented Candle", "340600", "ml", "мл", { 150, 300, 0 }, TRUE, "RU" },
  { "5001", "시베리아 허브차", "Сбор травяной сибирский", "Siberian Herbal Tea", "121190", "g", "г", { 50, 100, 0 }, TRUE, "RU" },
};

static const char *const kr_brands[] = { "Haneul", "Sora Lab", "Bomnal", "Dasom", "Maru", "Nuri", "Gaon", "Onsaem" };
static const char *const ru_brands[] = { "Северный лён", "Алтайские травы", "Русский стиль", "Ладога", "Тайга", "Берёзка" };
static const char *const sizes[] = { "S", "M", "L", "XL" };
static const char *const sock_sizes[] = { "230", "240", "250", "260" };

SbBenchGen *
sb_bench_gen_new (guint32 seed)
{
  SbBenchGen *gen = g_new0 (SbBenchGen, 1);

  gen->rand = g_rand_new_with_seed (seed);
  return gen;
}

void
sb_bench_gen_free (SbBenchGen *gen)
{
  if (gen == NULL)
    return;
  g_rand_free (gen->rand);
  g_free (gen);
}

/**
 * sb_bench_ean13:
 * @prefix12_without_check: twelve digits
 *
 * Returns: (transfer full): the thirteen digits with the EAN check digit
 */
char *
sb_bench_ean13 (const char *prefix12_without_check)
{
  guint sum = 0;

  g_return_val_if_fail (strlen (prefix12_without_check) == 12, NULL);
  for (guint i = 0; i < 12; i++)
    sum += (guint) (prefix12_without_check[i] - '0') * (i % 2 == 0 ? 1 : 3);
  return g_strdup_printf ("%s%u", prefix12_without_check, (10 - sum % 10) % 10);
}

#define PICK(gen, table) (&(table)[g_rand_int_range ((gen)->rand, 0, G_N_ELEMENTS (table))])

static void
add_image_paths (SbBenchGen *gen,
                 SbProduct  *product)
{
  guint n = g_rand_int_range (gen->rand, 1, 4);

  for (guint i = 0; i < n; i++)
    {
      SbImage *image = sb_image_new ();

      image->local_path = g_strdup_printf ("/home/seller/Pictures/catalogue/%s_%u.jpg", product->offer_id, i + 1);
      sb_product_add_image (product, image);
    }
}

static SbVariant *
new_variant (SbBenchGen *gen,
             SbProduct  *product,
             const char *suffix,
             gint64      price_minor,
             gboolean    russian)
{
  SbVariant *variant = sb_variant_new ();
  g_autofree char *digits = NULL;

  variant->sku = g_strdup_printf ("%s-%s", product->offer_id, suffix);
  variant->price_minor = price_minor;
  g_strlcpy (variant->currency, russian ? "RUB" : "KRW", sizeof variant->currency);
  variant->stock = g_rand_int_range (gen->rand, 0, 6) == 0 ? 0 : g_rand_int_range (gen->rand, 1, 500);
  /* 880 is Korea's GS1 prefix, 460–469 Russia's. */
  digits = g_strdup_printf ("%s%010u", russian ? "46" : "88",
                            (guint) g_rand_int_range (gen->rand, 0, 1000000000));
  digits[2] = russian ? (char) ('0' + g_rand_int_range (gen->rand, 0, 10)) : '0';
  variant->barcode = sb_bench_ean13 (digits);
  return variant;
}

/* KRW prices end in 900 (9,900 … 189,900); RUB prices in 90 roubles. */
static gint64
draw_price (SbBenchGen *gen,
            gboolean    russian,
            guint       low,
            guint       high)
{
  if (russian)
    return ((gint64) g_rand_int_range (gen->rand, low, high) * 100 - 10) * 100;
  return (gint64) g_rand_int_range (gen->rand, low, high) * 1000 - 100;
}

static void
make_clothing (SbBenchGen *gen,
               SbProduct  *product,
               guint       max_variants,
               gboolean    russian)
{
  const ClothingType *type = PICK (gen, clothing_types);
  const Word *material = PICK (gen, materials);
  const Word *fit = PICK (gen, fits);
  const Word *colour = PICK (gen, colours);
  guint n_variants = g_rand_int_range (gen->rand, 1, MIN (max_variants, 4) + 1);
  guint first_size = g_rand_int_range (gen->rand, 0, 4 - n_variants + 1);
  gint64 price = russian ? draw_price (gen, TRUE, 5, 60) : draw_price (gen, FALSE, 10, 190);
  const char *brand = russian ? ru_brands[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (ru_brands))]
                              : kr_brands[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (kr_brands))];
  g_autofree char *ko = NULL;
  g_autofree char *ru = NULL;
  g_autofree char *en = NULL;
  g_autofree char *ko_description = NULL;
  g_autofree char *ru_description = NULL;
  g_autofree char *en_description = NULL;

  if (type->socks)
    fit = &fits[5];
  ko = g_strdup_printf ("%s %s %s %s", material->ko, type->ko, fit->ko, colour->ko);
  ru = g_strdup_printf ("%s %s %s %s", type->ru, material->ru[type->gender], fit->ru[type->gender],
                        colour->ru[type->gender]);
  en = g_strdup_printf ("%s %s %s %s", material->en, type->en, fit->en, colour->en);
  ko_description = g_strdup_printf ("%s. 부드럽고 편안한 착용감의 데일리 아이템입니다. "
                                    "찬물 손세탁을 권장합니다.", ko);
  ru_description = g_strdup_printf ("%s. Мягкая и удобная вещь на каждый день. "
                                    "Рекомендуется ручная стирка в холодной воде.", ru);
  en_description = g_strdup_printf ("%s. A soft, comfortable everyday piece. Hand wash cold recommended.", en);

  product->category_id = g_strdup (type->category);
  sb_product_set_title (product, SB_LANG_KO, ko);
  sb_product_set_title (product, SB_LANG_RU, ru);
  sb_product_set_title (product, SB_LANG_EN, en);
  sb_product_set_description (product, SB_LANG_KO, ko_description);
  sb_product_set_description (product, SB_LANG_RU, ru_description);
  sb_product_set_description (product, SB_LANG_EN, en_description);
  sb_product_set_attribute (product, "brand", brand);
  sb_product_set_attribute (product, "material", material->attr);
  if (!type->socks)
    sb_product_set_attribute (product, "gender", g_rand_boolean (gen->rand) ? "unisex" : "women");
  if (g_strcmp0 (type->category, "1002") == 0 || g_strcmp0 (type->category, "1003") == 0 ||
      g_strcmp0 (type->category, "1005") == 0)
    sb_product_set_attribute (product, "season", "all_season");
  product->hs_code = g_strdup (type->hs);
  product->weight_g = type->socks ? 60 : g_rand_int_range (gen->rand, 150, 1400);
  product->length_mm = 300;
  product->width_mm = 250;
  product->height_mm = g_rand_int_range (gen->rand, 20, 80);

  for (guint i = 0; i < n_variants; i++)
    {
      const char *size = type->socks ? sock_sizes[first_size + i] : sizes[first_size + i];
      SbVariant *variant = new_variant (gen, product, size, price, russian);

      sb_variant_set_option (variant, "color", russian ? colour->ru[0] : colour->ko);
      sb_variant_set_option (variant, "size", size);
      sb_product_add_variant (product, variant);
    }
}

static void
make_cosmetic (SbBenchGen *gen,
               SbProduct  *product,
               guint       max_variants)
{
  const CosmeticType *type = PICK (gen, cosmetic_types);
  const Word *ingredient = PICK (gen, ingredients);
  const Word *effect = PICK (gen, effects);
  guint n_variants = g_rand_int_range (gen->rand, 1, MIN (max_variants, 2) + 1);
  guint first = g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (volumes_ml) - n_variants + 1);
  guint volume = volumes_ml[first];
  g_autofree char *ko = NULL;
  g_autofree char *ru = NULL;
  g_autofree char *en = NULL;
  g_autofree char *ko_description = NULL;
  g_autofree char *ru_description = NULL;
  g_autofree char *volume_text = NULL;

  ko = g_strdup_printf ("%s %s %s %uml", ingredient->ko, effect->ko, type->ko, volume);
  ru = g_strdup_printf ("%s %s %s %u мл", type->ru, effect->ru[type->gender], ingredient->ru[0], volume);
  en = g_strdup_printf ("%s %s %s %u ml", ingredient->en, effect->en, type->en, volume);
  ko_description = g_strdup_printf ("%s. 민감한 피부에도 순하게 사용할 수 있는 데일리 스킨케어입니다. "
                                    "피부과 테스트 완료.", ko);
  ru_description = g_strdup_printf ("%s. Мягкий ежедневный уход, подходит для чувствительной кожи. "
                                    "Дерматологически протестировано.", ru);
  volume_text = g_strdup_printf ("%u", volume);

  product->category_id = g_strdup (type->category);
  sb_product_set_title (product, SB_LANG_KO, ko);
  sb_product_set_title (product, SB_LANG_RU, ru);
  sb_product_set_title (product, SB_LANG_EN, en);
  sb_product_set_description (product, SB_LANG_KO, ko_description);
  sb_product_set_description (product, SB_LANG_RU, ru_description);
  sb_product_set_attribute (product, "brand", kr_brands[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (kr_brands))]);
  sb_product_set_attribute (product, "volume_ml", volume_text);
  sb_product_set_attribute (product, "skin_type", "all");
  sb_product_set_attribute (product, "shelf_life_months", "24");
  product->hs_code = g_strdup (type->hs);
  product->weight_g = volume + 80;
  product->length_mm = 60;
  product->width_mm = 60;
  product->height_mm = 150;
  product->liquids = TRUE;

  for (guint i = 0; i < n_variants; i++)
    {
      g_autofree char *suffix = g_strdup_printf ("%uML", volumes_ml[first + i]);
      g_autofree char *value = g_strdup_printf ("%u ml", volumes_ml[first + i]);
      SbVariant *variant = new_variant (gen, product, suffix,
                                        draw_price (gen, FALSE, 12, 60) + (gint64) i * 5000, FALSE);

      sb_variant_set_option (variant, "volume", value);
      sb_product_add_variant (product, variant);
    }
}

static void
make_good (SbBenchGen *gen,
           SbProduct  *product,
           guint       max_variants,
           gboolean    russian)
{
  const Good *good;
  guint n_sizes = 0;
  guint n_variants;
  g_autofree char *ko = NULL;
  g_autofree char *ru = NULL;
  g_autofree char *en = NULL;
  g_autofree char *ru_description = NULL;
  g_autofree char *ko_description = NULL;
  g_autofree char *net = NULL;

  do
    good = PICK (gen, goods);
  while (good->russian != russian);
  while (n_sizes < G_N_ELEMENTS (good->sizes) && good->sizes[n_sizes] != 0)
    n_sizes++;
  n_variants = g_rand_int_range (gen->rand, 1, MIN (max_variants, n_sizes) + 1);

  ko = g_strdup_printf ("%s %u%s", good->ko, good->sizes[0], good->unit_ko);
  ru = g_strdup_printf ("%s, %u %s", good->ru, good->sizes[0], good->unit_ru);
  en = g_strdup_printf ("%s %u %s", good->en, good->sizes[0], good->unit_ko);
  ru_description = g_strdup_printf ("%s. Натуральный состав, без консервантов. "
                                    "Хранить в сухом прохладном месте.", ru);
  ko_description = g_strdup_printf ("%s. 천연 원료로 만든 보존료 무첨가 제품입니다. "
                                    "서늘하고 건조한 곳에 보관하세요.", ko);
  net = g_strdup_printf ("%u", good->sizes[0]);

  product->category_id = g_strdup (good->category);
  sb_product_set_title (product, SB_LANG_KO, ko);
  sb_product_set_title (product, SB_LANG_RU, ru);
  sb_product_set_title (product, SB_LANG_EN, en);
  sb_product_set_description (product, russian ? SB_LANG_RU : SB_LANG_KO, russian ? ru_description : ko_description);
  sb_product_set_attribute (product, "brand", russian ? ru_brands[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (ru_brands))]
                                                      : kr_brands[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (kr_brands))]);
  if (g_str_has_prefix (good->category, "50"))
    {
      sb_product_set_attribute (product, "net_weight_g", net);
      sb_product_set_attribute (product, "shelf_life_months", "12");
      sb_product_set_attribute (product, "country_of_origin", good->country);
      if (g_str_equal (good->category, "5001"))
        sb_product_set_attribute (product, "tea_type", strstr (good->en, "Green") != NULL ? "green" : "herbal");
      if (g_str_equal (good->category, "5002"))
        sb_product_set_attribute (product, "count_in_pack", "5");
    }
  product->hs_code = g_strdup (good->hs);
  product->weight_g = good->sizes[0] + 60;
  product->length_mm = 120;
  product->width_mm = 90;
  product->height_mm = 90;

  for (guint i = 0; i < n_variants; i++)
    {
      g_autofree char *suffix = g_strdup_printf ("%u", good->sizes[i]);
      g_autofree char *value = g_strdup_printf ("%u %s", good->sizes[i], russian ? good->unit_ru : good->unit_ko);
      SbVariant *variant = new_variant (gen, product, suffix,
                                        russian ? draw_price (gen, TRUE, 3, 30) * (i + 1)
                                                : draw_price (gen, FALSE, 8, 60) * (i + 1) + (gint64) i * 100,
                                        russian);

      sb_variant_set_option (variant, "size", value);
      sb_product_add_variant (product, variant);
    }
}

/**
 * sb_bench_gen_product:
 *
 * Returns: (transfer full): product number @index
 */
SbProduct *
sb_bench_gen_product (SbBenchGen *gen,
                      guint       index,
                      guint       max_variants,
                      double      draft_share)
{
  /* 40 % Korean clothing, 25 % Korean cosmetics, 10 % Korean food,
   * 10 % Russian clothing, 15 % Russian food and home goods. */
  guint kind = g_rand_int_range (gen->rand, 0, 100);
  gboolean russian = kind >= 75;
  g_autofree char *offer_id = g_strdup_printf ("%s%07u", russian ? "RU" : "KR", index);
  SbProduct *product = sb_product_new (offer_id);

  if (max_variants == 0)
    max_variants = 1;
  if (kind < 40)
    make_clothing (gen, product, max_variants, FALSE);
  else if (kind < 65)
    make_cosmetic (gen, product, max_variants);
  else if (kind < 75)
    make_good (gen, product, max_variants, FALSE);
  else if (kind < 85)
    make_clothing (gen, product, max_variants, TRUE);
  else
    make_good (gen, product, max_variants, TRUE);

  /* Postal services take no liquids; CJ and CDEK do. */
  if (product->liquids)
    sb_product_add_carrier (product, russian ? "ru_cdek" : "kr_cj_express");
  else
    {
      sb_product_add_carrier (product, russian ? "ru_pochta_small" : "kr_kpacket");
      sb_product_add_carrier (product, russian ? "ru_cdek" : "kr_ems");
    }
  product->handling_days = g_rand_int_range (gen->rand, 1, 6);
  add_image_paths (gen, product);
  product->sync_state = g_rand_double (gen->rand) < draft_share ? SB_SYNC_DRAFT : SB_SYNC_QUEUED;
  return product;
}

/**
 * sb_bench_gen_rows:
 *
 * Returns: (transfer full) (element-type SbProduct): products numbered
 *   from 1 whose variants add up to @n_rows
 */
GPtrArray *
sb_bench_gen_rows (SbBenchGen *gen,
                   guint       n_rows)
{
  GPtrArray *products = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_product_free);
  guint rows = 0;

  for (guint index = 1; rows < n_rows; index++)
    {
      SbProduct *product = sb_bench_gen_product (gen, index, MIN (4, n_rows - rows), 0.0);

      rows += product->variants->len;
      g_ptr_array_add (products, product);
    }
  return products;
}
