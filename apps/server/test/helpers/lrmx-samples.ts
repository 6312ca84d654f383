// Cadre records and images for the LRMX tests: synthetic people only.
import { crc32, deflateSync } from 'node:zlib';
import { emptyCadreRecord, type CadreRecord } from '../../src/platform/lrmx/cadre-record';

/** The leading bytes of a JPEG (enough for the content check, not a decodable image). */
export function tinyJpeg(): Buffer {
  return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]);
}

/** A real RGB PNG of one colour, w × h pixels. */
export function solidPng(w: number, h: number, rgb: [number, number, number] = [90, 120, 200]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A complete record of a synthetic village cadre. */
export function sampleRecord(): CadreRecord {
  return {
    ...emptyCadreRecord(),
    name: '沈立新',
    gender: '男',
    birthMonth: '198807',
    ethnicity: '汉族',
    nativePlace: '江苏张家港',
    birthplace: '江苏张家港',
    partyJoin: '200906',
    workStart: '201107',
    health: '健康',
    professionalTitle: '农艺师',
    specialty: '农村经济管理',
    fullTimeEducation: {
      level: '大学本科',
      degree: '管理学学士',
      levelSchoolMajor: '扬州大学农学院\r\n农业经济管理专业',
      degreeSchoolMajor: '扬州大学农学院农业经济管理专业',
    },
    inServiceEducation: {
      level: '研究生',
      degree: '农业硕士',
      levelSchoolMajor: '南京农业大学农业管理专业',
      degreeSchoolMajor: '南京农业大学农业管理专业',
    },
    currentPost: '某镇某村党委书记、村委会主任',
    proposedPost: '某镇党委委员',
    proposedRemoval: '某村村委会主任',
    resume: [
      '2007.09--2011.07  扬州大学农学院农业经济管理专业学习',
      '2011.07--2016.01  某镇某村村委会委员',
      '2016.01--2021.01  某镇某村党委副书记',
      '2021.01--  某镇某村党委书记、村委会主任',
    ].join('\r\n'),
    rewardsAndPunishments: '2022年被评为苏州市优秀村党组织书记',
    annualAssessment: '2023—2025年度考核均为称职',
    appointmentReason: '工作需要',
    family: [
      {
        relation: '妻子',
        name: '顾文静',
        birthMonth: '199002',
        politicalStatus: '中共党员',
        workUnitAndPost: '某镇中心小学教师',
      },
      {
        relation: '父亲',
        name: '沈国良',
        birthMonth: '196005',
        politicalStatus: '群众',
        workUnitAndPost: '已去世',
      },
    ],
    reportingUnit: '中共某镇委员会',
    ageReferenceDate: '202603',
    filledOn: '202603',
    filledBy: '周敏',
    idNumber: '11010519491231002X',
    photo: solidPng(30, 40),
    version: '3.2.1.16',
  };
}
