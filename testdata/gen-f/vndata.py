"""Vietnamese reference data and text helpers for the test-data generator.

Written from /work/shared/DOMAIN.md and general knowledge only.
"""
import unicodedata

TONE_MARKS = ('\u0300', '\u0301', '\u0303', '\u0309', '\u0323')  # grave acute tilde hook dot


def nfc(s):
    return unicodedata.normalize('NFC', s)


def strip_acc(s):
    s = unicodedata.normalize('NFD', s)
    s = ''.join(c for c in s if unicodedata.category(c) != 'Mn')
    return s.replace('đ', 'd').replace('Đ', 'D')


def norm_name(s):
    return ' '.join(strip_acc(s).lower().split())


def cp1258_encode(text):
    """Encode NFC text as Windows-1258 the way Windows does: precomposed where the code page
    has the letter, otherwise base letter (incl. â ê ô ơ ư ă) + combining tone byte."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode('cp1258')
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize('NFD', ch)
        tones = ''.join(c for c in d if c in TONE_MARKS)
        base = unicodedata.normalize('NFC', ''.join(c for c in d if c not in TONE_MARKS))
        out += base.encode('cp1258') + tones.encode('cp1258')
    return bytes(out)


# ---------------------------------------------------------------- names
FAMILY = [('Nguyễn', 38), ('Trần', 11), ('Lê', 9.5), ('Phạm', 7), ('Hoàng', 4), ('Huỳnh', 3.5),
          ('Phan', 4.5), ('Vũ', 2.2), ('Võ', 2.2), ('Đặng', 2.1), ('Bùi', 2), ('Đỗ', 1.4),
          ('Hồ', 1.3), ('Ngô', 1.3), ('Dương', 1), ('Lý', 0.5), ('Đinh', 0.8), ('Trương', 0.8),
          ('Lâm', 0.5), ('Mai', 0.5), ('Cao', 0.4), ('Tạ', 0.3), ('Lương', 0.4), ('Hà', 0.5),
          ('Tô', 0.3), ('Đoàn', 0.5), ('Vương', 0.2), ('Trịnh', 0.4), ('Châu', 0.3), ('Kiều', 0.2),
          ('Thái', 0.3), ('Quách', 0.2), ('Lưu', 0.3), ('Phùng', 0.3), ('Tăng', 0.1), ('Nghiêm', 0.1)]

MIDDLE_M = [('Văn', 32), ('Minh', 10), ('Đức', 8), ('Quốc', 6), ('Hữu', 6), ('Thanh', 5),
            ('Công', 4), ('Quang', 4), ('Xuân', 3), ('Ngọc', 3), ('Hoàng', 3), ('Thành', 3),
            ('Duy', 3), ('Đình', 3), ('Trung', 2), ('Tuấn', 2), ('Gia', 2), ('Anh', 1), ('Tiến', 1)]
MIDDLE_F = [('Thị', 42), ('Ngọc', 8), ('Thanh', 6), ('Thu', 5), ('Minh', 4), ('Phương', 3),
            ('Hồng', 3), ('Kim', 3), ('Mỹ', 3), ('Thùy', 3), ('Bích', 2), ('Hoài', 2),
            ('Quỳnh', 2), ('Khánh', 2), ('Diệu', 1), ('Hải', 1)]
SECOND_MIDDLE_F = ['Minh', 'Thu', 'Thanh', 'Ngọc', 'Hồng', 'Kim', 'Mỹ', 'Bảo', 'Phương']
SECOND_MIDDLE_M = [('Đức', 'Minh'), ('Quang', 'Minh'), ('Hoàng', 'Anh'), ('Văn', 'Minh'), ('Ngọc', 'Bảo'),
                   ('Minh', 'Đức'), ('Gia', 'Bảo'), ('Hoàng', 'Minh'), ('Văn', 'Quốc'), ('Đình', 'Minh')]

GIVEN_M = ['Hùng', 'Dũng', 'Tuấn', 'Minh', 'Hải', 'Nam', 'Long', 'Cường', 'Thắng', 'Sơn', 'Tùng',
           'Hiếu', 'Huy', 'Phúc', 'Quân', 'Khoa', 'Đức', 'Trung', 'Hoàng', 'Thành', 'Bình', 'Tâm',
           'Vinh', 'Phong', 'Quang', 'Hưng', 'Toàn', 'Kiên', 'Lâm', 'Tài', 'Thịnh', 'Duy', 'Anh',
           'Việt', 'Hòa', 'Lợi', 'Nghĩa', 'Khánh', 'Đạt', 'Tú', 'Hậu', 'Tiến', 'Trí', 'Lộc', 'Phát',
           'Vũ', 'Bảo', 'Khải', 'Hiển', 'Thái', 'Tân', 'Lực', 'Mạnh', 'Quý', 'Chiến', 'Cảnh',
           'Dương', 'Thủy', 'Thụy', 'Khương', 'Hào', 'Hiệp', 'Khôi', 'Luân', 'Nhân', 'Phước', 'Sang',
           'Thiện', 'Thuận', 'Tín', 'Trọng', 'Tuệ', 'Vĩnh', 'Vương', 'Xuân', 'Định', 'Đông', 'Giang',
           'Hiền', 'Kha', 'Khiêm', 'Lập', 'Linh', 'Nguyên', 'Quyết', 'Sỹ', 'Thạch', 'Thông', 'Triều',
           'Trường', 'Tuyên', 'Uy', 'Văn', 'Chung', 'Công', 'Danh', 'Hạnh', 'Hoan', 'Hội', 'Kỳ']
GIVEN_F = ['Lan', 'Hương', 'Hoa', 'Hằng', 'Linh', 'Trang', 'Thảo', 'Mai', 'Hà', 'Ngọc', 'Phương',
           'Thủy', 'Nhung', 'Yến', 'Hạnh', 'Loan', 'Dung', 'Nga', 'Huyền', 'Tâm', 'Oanh', 'Vân',
           'Quyên', 'Vy', 'Anh', 'Nhi', 'Hiền', 'Thu', 'Liên', 'Duyên', 'Chi', 'Diệp', 'Hồng',
           'Hòa', 'Xuân', 'Thanh', 'Trinh', 'Ly', 'My', 'Tuyết', 'Uyên', 'Giang', 'Khánh', 'Quỳnh',
           'Nhàn', 'Thư', 'Thúy', 'Bích', 'Ngân', 'Châu', 'Diễm', 'Thoa', 'Sương', 'Thùy', 'Ánh',
           'Cúc', 'Đào', 'Hảo', 'Hiên', 'Huệ', 'Kiều', 'Lệ', 'Liễu', 'Lụa', 'Mơ', 'Nguyệt',
           'Nhạn', 'Phượng', 'Quế', 'Son', 'Thắm', 'Thơ', 'Trâm', 'Tú',
           'Tuyền', 'Vi', 'Xuyến', 'Yên', 'Ngà', 'Hường', 'Lài', 'Mận', 'Diệu', 'Gấm', 'Hân', 'An']


def zipf(items, s=0.4):
    return [(x, 1.0 / (i + 1) ** s) for i, x in enumerate(items)]


GIVEN_M_W = zipf(GIVEN_M)
GIVEN_F_W = zipf(GIVEN_F)

TITLES_M = ['Anh', 'Ông', 'A.', 'Chú', 'Mr.', 'Anh']
TITLES_F = ['Chị', 'Bà', 'C.', 'Cô', 'Ms.', 'Chị']
NAME_NOTES = [' - khách quen', ' - KH cũ', ' - giao giờ hành chính', ' (khách lẻ)', ' - KH VIP',
              ' - đã chuyển nhà', ' - ĐT cũ', ' - nợ 500k', ' (mua sỉ)', ' - giới thiệu']

# tone-placement pairs (old style <-> new style) and common tone slips
PLACEMENT = {'Hòa': 'Hoà', 'Thủy': 'Thuỷ', 'Thùy': 'Thuỳ', 'Thúy': 'Thuý', 'Thụy': 'Thuỵ',
             'Khỏe': 'Khoẻ', 'Hóa': 'Hoá', 'Quý': 'Qúy', 'Hoà': 'Hòa', 'Thuỷ': 'Thủy'}

# ---------------------------------------------------------------- organisations
ORG_FORMS = [  # key, full, abbreviations, weight
    ('TNHH', 'Công ty TNHH', ['Cty TNHH', 'CTY TNHH', 'Công ty TNHH', 'TNHH'], 42),
    ('TNHHMTV', 'Công ty TNHH Một thành viên', ['Cty TNHH MTV', 'Công ty TNHH MTV', 'TNHH MTV'], 7),
    ('CP', 'Công ty Cổ phần', ['Cty CP', 'CTCP', 'Công ty CP', 'CÔNG TY CP'], 20),
    ('DNTN', 'Doanh nghiệp tư nhân', ['DNTN', 'DN tư nhân'], 6),
    ('HKD', 'Hộ kinh doanh', ['HKD', 'Hộ KD'], 7),
    ('CH', 'Cửa hàng', ['CH', 'Cửa hàng'], 13),
    ('HTX', 'Hợp tác xã', ['HTX'], 5),
]
SECTORS = [('Thương mại', 'TM'), ('Thương mại Dịch vụ', 'TMDV'), ('Xây dựng', 'XD'),
           ('Sản xuất Thương mại', 'SX TM'), ('Đầu tư Phát triển', 'ĐTPT'), ('Vận tải', 'VT'),
           ('Kỹ thuật', 'KT'), ('Công nghệ', 'CN'), ('Thực phẩm', 'TP'), ('Xuất nhập khẩu', 'XNK'),
           ('Nội thất', 'NT'), ('Điện máy', 'ĐM'), ('Vật liệu Xây dựng', 'VLXD'), ('Dịch vụ', 'DV'),
           ('Thiết bị Y tế', 'TBYT'), ('In ấn Bao bì', 'In Bao bì')]
SHOP_TYPES = ['Tạp hóa', 'Vật liệu xây dựng', 'Điện nước', 'Văn phòng phẩm', 'Thực phẩm', 'Điện thoại',
              'Sơn', 'Kim khí', 'Gạo', 'Nông sản', 'Phụ tùng xe máy']
HTX_TYPES = ['Nông nghiệp', 'Dịch vụ Nông nghiệp', 'Vận tải', 'Thủy sản', 'Thương mại Dịch vụ']
TRADE_SYL = ['An', 'Bình', 'Phát', 'Thịnh', 'Hưng', 'Long', 'Minh', 'Thành', 'Đạt', 'Phú', 'Quý',
             'Tài', 'Lộc', 'Khang', 'Việt', 'Nam', 'Á', 'Hoàng', 'Kim', 'Ngọc', 'Sao', 'Mai', 'Hòa',
             'Tân', 'Trường', 'Sơn', 'Đại', 'Gia', 'Thuận', 'Hải', 'Đông', 'Tây', 'Bắc', 'Phương',
             'Hồng', 'Vạn', 'Toàn', 'Tiến', 'Nhật', 'Quang', 'Thiên', 'Hà', 'Lam', 'Tín', 'Nghĩa',
             'Cường', 'Thái', 'Anh', 'Dương', 'Châu', 'Phúc', 'Trí', 'Đức', 'Huy', 'Vinh', 'Hiệp']
TRADE_EN = ['Sunrise', 'Greenland', 'Vinatech', 'Sao Việt', 'Pacific', 'Mekong', 'Delta', 'Saigon Star',
            'Hanoi Tech', 'Vietstar', 'Global', 'Smart Home', 'Kingdom', 'Tín Việt', 'Vina Foods',
            'Asia', 'Nam Long', 'Golden', 'Blue Ocean', 'Phoenix']

# ---------------------------------------------------------------- phones
# current mobile prefix -> weight; renumbered ones carry their pre-2018 prefix
MOBILE_PREFIX = [('090', 8), ('091', 8), ('093', 5), ('094', 4), ('096', 6), ('097', 7), ('098', 8),
                 ('092', 1), ('099', 0.3), ('086', 4), ('088', 3), ('089', 2), ('087', 0.5),
                 ('032', 2.5), ('033', 3), ('034', 3), ('035', 3), ('036', 3), ('037', 3), ('038', 3),
                 ('039', 3), ('070', 1), ('076', 1), ('077', 1.5), ('078', 1), ('079', 1.5),
                 ('081', 1), ('082', 1), ('083', 1), ('084', 1.5), ('085', 1), ('056', 0.4),
                 ('058', 0.4), ('059', 0.2)]
NEW_TO_OLD_MOBILE = {'032': '0162', '033': '0163', '034': '0164', '035': '0165', '036': '0166',
                     '037': '0167', '038': '0168', '039': '0169', '070': '0120', '079': '0121',
                     '077': '0122', '076': '0126', '078': '0128', '083': '0123', '084': '0124',
                     '085': '0125', '081': '0127', '082': '0129', '056': '0186', '058': '0188',
                     '059': '0199'}

# ---------------------------------------------------------------- provinces / addresses
# key: (full name, [written variants], old area code, new area code, MST prefix, CCCD code,
#       merged-into province key after 1 Jul 2025 or None, districts)
# district: (kind, name, [wards]) ; kind Q quận, H huyện, TP city, TX town ; ward 'P:x' / 'X:x' / 'TT:x'
HCM_STREETS = ['Lê Lợi', 'Nguyễn Trãi', 'Trần Hưng Đạo', 'Cách Mạng Tháng Tám', 'Điện Biên Phủ',
               'Lý Thường Kiệt', 'Hai Bà Trưng', 'Nguyễn Thị Minh Khai', 'Võ Văn Tần', 'Lê Văn Sỹ',
               'Phan Đăng Lưu', 'Nguyễn Đình Chiểu', 'Pasteur', 'Nam Kỳ Khởi Nghĩa', 'Lê Quang Định',
               'Phan Xích Long', 'Hoàng Văn Thụ', 'Cộng Hòa', 'Âu Cơ', 'Lũy Bán Bích', 'Quang Trung',
               'Nguyễn Oanh', 'Huỳnh Tấn Phát', 'Nguyễn Thị Thập', 'Xô Viết Nghệ Tĩnh', 'Bạch Đằng',
               'Nguyễn Văn Đậu', 'Trường Chinh', 'Tô Hiến Thành', 'Ba Tháng Hai', 'Sư Vạn Hạnh',
               'Nguyễn Duy Trinh', 'Kha Vạn Cân', 'Võ Văn Ngân', 'Hậu Giang', 'Tân Hòa Đông']
HN_STREETS = ['Kim Mã', 'Láng Hạ', 'Xã Đàn', 'Nguyễn Chí Thanh', 'Giải Phóng', 'Trần Duy Hưng',
              'Thái Hà', 'Tây Sơn', 'Chùa Bộc', 'Hoàng Quốc Việt', 'Cầu Giấy', 'Xuân Thủy',
              'Nguyễn Trãi', 'Minh Khai', 'Bạch Mai', 'Lò Đúc', 'Hàng Bông', 'Phố Huế', 'Đội Cấn',
              'Văn Cao', 'Lạc Long Quân', 'Nguyễn Văn Cừ', 'Ngọc Lâm', 'Trương Định', 'Lê Trọng Tấn',
              'Quang Trung', 'Khâm Thiên', 'Tôn Đức Thắng', 'Nguyễn Khánh Toàn', 'Phạm Văn Đồng']
GEN_STREETS = ['Lê Lợi', 'Trần Phú', 'Hùng Vương', 'Quang Trung', 'Lê Duẩn', 'Nguyễn Huệ',
               'Nguyễn Văn Linh', 'Điện Biên Phủ', 'Trần Hưng Đạo', 'Lý Thường Kiệt', 'Hai Bà Trưng',
               'Phan Chu Trinh', 'Bà Triệu', 'Ngô Quyền', 'Lê Lai', '30 Tháng 4', 'Nguyễn Văn Cừ',
               'Lạch Tray', 'Cách Mạng Tháng Tám', 'Yersin', 'Phạm Văn Đồng', 'Lê Hồng Phong']


def _num_wards(n):
    return ['P:%d' % i for i in range(1, n + 1)]


PROVINCES = {
    'HCM': ('Thành phố Hồ Chí Minh',
            ['TP.HCM', 'TP HCM', 'Tp. Hồ Chí Minh', 'TP. Hồ Chí Minh', 'HCM', 'Sài Gòn', 'Tp.HCM',
             'Thành phố Hồ Chí Minh', 'TPHCM'],
            '08', '028', '03', '079', None, [
                ('Q', '1', ['P:Bến Nghé', 'P:Bến Thành', 'P:Đa Kao', 'P:Nguyễn Thái Bình',
                            'P:Phạm Ngũ Lão', 'P:Cầu Ông Lãnh', 'P:Tân Định']),
                ('Q', '3', _num_wards(14)), ('Q', '5', _num_wards(15)),
                ('Q', '7', ['P:Tân Phong', 'P:Tân Phú', 'P:Tân Quy', 'P:Bình Thuận', 'P:Phú Mỹ', 'P:Tân Hưng']),
                ('Q', '10', _num_wards(15)), ('Q', 'Bình Thạnh', _num_wards(28)),
                ('Q', 'Gò Vấp', _num_wards(17)), ('Q', 'Tân Bình', _num_wards(15)),
                ('Q', 'Phú Nhuận', _num_wards(17)),
                ('Q', 'Thủ Đức', ['P:Linh Trung', 'P:Hiệp Bình Chánh', 'P:Linh Đông', 'P:Tam Bình']),
                ('Q', '2', ['P:Thảo Điền', 'P:An Phú', 'P:Bình An']),
                ('Q', 'Tân Phú', ['P:Tân Sơn Nhì', 'P:Phú Thạnh', 'P:Hiệp Tân', 'P:Tây Thạnh']),
                ('Q', 'Bình Tân', ['P:An Lạc', 'P:Bình Trị Đông', 'P:Bình Hưng Hòa']),
                ('H', 'Củ Chi', ['TT:Củ Chi', 'X:Tân Thông Hội', 'X:Phước Vĩnh An']),
                ('H', 'Hóc Môn', ['TT:Hóc Môn', 'X:Bà Điểm', 'X:Xuân Thới Thượng'])]),
    'HN': ('Thành phố Hà Nội', ['Hà Nội', 'HN', 'TP Hà Nội', 'Hà Nội', 'TP. Hà Nội', 'Thành phố Hà Nội'],
           '04', '024', '01', '001', None, [
               ('Q', 'Ba Đình', ['P:Kim Mã', 'P:Ngọc Khánh', 'P:Liễu Giai', 'P:Đội Cấn', 'P:Cống Vị']),
               ('Q', 'Hoàn Kiếm', ['P:Hàng Bạc', 'P:Hàng Trống', 'P:Tràng Tiền', 'P:Cửa Nam']),
               ('Q', 'Đống Đa', ['P:Láng Hạ', 'P:Ô Chợ Dừa', 'P:Trung Liệt', 'P:Khâm Thiên', 'P:Văn Miếu']),
               ('Q', 'Hai Bà Trưng', ['P:Bạch Mai', 'P:Minh Khai', 'P:Lê Đại Hành', 'P:Thanh Nhàn']),
               ('Q', 'Cầu Giấy', ['P:Dịch Vọng', 'P:Quan Hoa', 'P:Yên Hòa', 'P:Mai Dịch']),
               ('Q', 'Thanh Xuân', ['P:Khương Trung', 'P:Nhân Chính', 'P:Thanh Xuân Bắc']),
               ('Q', 'Hoàng Mai', ['P:Định Công', 'P:Giáp Bát', 'P:Hoàng Liệt']),
               ('Q', 'Long Biên', ['P:Ngọc Lâm', 'P:Bồ Đề', 'P:Gia Thụy']),
               ('Q', 'Tây Hồ', ['P:Quảng An', 'P:Xuân La']),
               ('Q', 'Hà Đông', ['P:Văn Quán', 'P:Mộ Lao', 'P:La Khê']),
               ('H', 'Đông Anh', ['TT:Đông Anh', 'X:Uy Nỗ', 'X:Kim Chung'])]),
    'HP': ('Thành phố Hải Phòng', ['Hải Phòng', 'TP Hải Phòng', 'HP', 'TP. Hải Phòng'], '031', '0225',
           '02', '031', None, [
               ('Q', 'Lê Chân', ['P:An Biên', 'P:Dư Hàng', 'P:Trần Nguyên Hãn']),
               ('Q', 'Ngô Quyền', ['P:Máy Tơ', 'P:Lạch Tray', 'P:Cầu Đất'])]),
    'DN': ('Thành phố Đà Nẵng', ['Đà Nẵng', 'TP Đà Nẵng', 'TP. Đà Nẵng', 'ĐN'], '0511', '0236', '04',
           '048', None, [
               ('Q', 'Hải Châu', ['P:Thạch Thang', 'P:Hòa Cường Bắc', 'P:Phước Ninh']),
               ('Q', 'Thanh Khê', ['P:Chính Gián', 'P:Tân Chính']),
               ('Q', 'Sơn Trà', ['P:An Hải Bắc', 'P:Mân Thái'])]),
    'CT': ('Thành phố Cần Thơ', ['Cần Thơ', 'TP Cần Thơ', 'TP. Cần Thơ'], '0710', '0292', '18', '092', None, [
        ('Q', 'Ninh Kiều', ['P:Tân An', 'P:An Hòa', 'P:Xuân Khánh', 'P:An Cư'])]),
    'BD': ('Tỉnh Bình Dương', ['Bình Dương', 'tỉnh Bình Dương', 'T. Bình Dương', 'BD'], '0650', '0274',
           '37', '074', 'HCM', [
               ('TP', 'Thủ Dầu Một', ['P:Phú Cường', 'P:Hiệp Thành', 'P:Phú Hòa', 'P:Chánh Nghĩa']),
               ('TP', 'Dĩ An', ['P:Dĩ An', 'P:Đông Hòa', 'P:Tân Đông Hiệp']),
               ('TP', 'Thuận An', ['P:Lái Thiêu', 'P:An Phú'])]),
    'DNai': ('Tỉnh Đồng Nai', ['Đồng Nai', 'tỉnh Đồng Nai', 'T. Đồng Nai'], '061', '0251', '36', '075', None, [
        ('TP', 'Biên Hòa', ['P:Tân Phong', 'P:Trảng Dài', 'P:Quyết Thắng', 'P:Tân Hiệp'])]),
    'VT': ('Tỉnh Bà Rịa - Vũng Tàu', ['Bà Rịa - Vũng Tàu', 'BR-VT', 'Vũng Tàu', 'Bà Rịa Vũng Tàu'], '064',
           '0254', '35', '077', 'HCM', [('TP', 'Vũng Tàu', _num_wards(11) + ['P:Thắng Tam'])]),
    'KH': ('Tỉnh Khánh Hòa', ['Khánh Hòa', 'Khánh Hoà', 'tỉnh Khánh Hòa'], '058', '0258', '42', '056', None, [
        ('TP', 'Nha Trang', ['P:Lộc Thọ', 'P:Phước Hải', 'P:Vĩnh Hải', 'P:Tân Lập'])]),
    'NA': ('Tỉnh Nghệ An', ['Nghệ An', 'tỉnh Nghệ An'], '038', '0238', '29', '040', None, [
        ('TP', 'Vinh', ['P:Hưng Bình', 'P:Lê Lợi', 'P:Bến Thủy', 'P:Quang Trung'])]),
    'TH': ('Tỉnh Thanh Hóa', ['Thanh Hóa', 'Thanh Hoá', 'tỉnh Thanh Hóa'], '037', '0237', '28', '038', None, [
        ('TP', 'Thanh Hóa', ['P:Điện Biên', 'P:Ba Đình', 'P:Đông Thọ', 'P:Lam Sơn'])]),
    'QN': ('Tỉnh Quảng Ninh', ['Quảng Ninh', 'tỉnh Quảng Ninh'], '033', '0203', '57', '022', None, [
        ('TP', 'Hạ Long', ['P:Bạch Đằng', 'P:Hồng Gai', 'P:Bãi Cháy'])]),
    'BN': ('Tỉnh Bắc Ninh', ['Bắc Ninh', 'tỉnh Bắc Ninh'], '0241', '0222', '23', '027', None, [
        ('TP', 'Bắc Ninh', ['P:Suối Hoa', 'P:Tiền An', 'P:Vũ Ninh'])]),
    'HD': ('Tỉnh Hải Dương', ['Hải Dương', 'tỉnh Hải Dương'], '0320', '0220', '08', '030', 'HP', [
        ('TP', 'Hải Dương', ['P:Trần Phú', 'P:Nguyễn Trãi', 'P:Thanh Bình'])]),
    'LA': ('Tỉnh Long An', ['Long An', 'tỉnh Long An'], '072', '0272', '11', '080', 'TN', [
        ('TP', 'Tân An', _num_wards(6))]),
    'LD': ('Tỉnh Lâm Đồng', ['Lâm Đồng', 'tỉnh Lâm Đồng'], '063', '0263', '58', '068', None, [
        ('TP', 'Đà Lạt', _num_wards(12))]),
    'VP': ('Tỉnh Vĩnh Phúc', ['Vĩnh Phúc', 'tỉnh Vĩnh Phúc'], '0211', '0211', '25', '026', 'PT', [
        ('TP', 'Vĩnh Yên', ['P:Liên Bảo', 'P:Ngô Quyền', 'P:Tích Sơn'])]),
}
# names used for provinces that only appear as merge targets (2025)
MERGED_NAMES = {'HCM': ['TP.HCM', 'TP. Hồ Chí Minh', 'Thành phố Hồ Chí Minh'],
                'HP': ['Hải Phòng', 'TP. Hải Phòng'], 'TN': ['Tây Ninh', 'tỉnh Tây Ninh'],
                'PT': ['Phú Thọ', 'tỉnh Phú Thọ']}
PROVINCE_WEIGHTS = [('HCM', 40), ('HN', 24), ('HP', 4), ('DN', 4), ('CT', 2), ('BD', 5), ('DNai', 4),
                    ('VT', 2), ('KH', 2), ('NA', 2), ('TH', 2), ('QN', 2), ('BN', 2), ('HD', 1.5),
                    ('LA', 1.5), ('LD', 1), ('VP', 1)]
# HCM District 1 wards after 1 July 2025 (approximate: the three 2025 wards covering old Q.1)
NEW_WARD_2025 = {'Bến Nghé': 'Sài Gòn', 'Đa Kao': 'Tân Định', 'Tân Định': 'Tân Định',
                 'Bến Thành': 'Bến Thành', 'Phạm Ngũ Lão': 'Bến Thành', 'Nguyễn Thái Bình': 'Cầu Ông Lãnh',
                 'Cầu Ông Lãnh': 'Cầu Ông Lãnh'}

NOTES = ['khách quen', 'giao buổi sáng', 'gọi trước khi giao', 'nợ 2tr', 'chuyển khoản', 'lấy hóa đơn',
         'KH sỉ', 'đã gửi báo giá', 'hay đổi trả', 'trùng?', 'mua lại 2 lần', 'giảm 5%']
