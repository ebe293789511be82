// Contract: a password passed on a command line is reported by each tool's own password
// flag, with the span on the value alone. Flags that mean something else (`ssh -p 2222`,
// `mysql -p dbname` which prompts), variables, prompts and stdin stay quiet.
import { describe, expect, it } from 'vitest';
import { decodeSlackText, detectCredentials } from '../../src/domain/credentials/detect-credentials.js';
import { asTyped } from '../fixtures/credentials-corpus.js';

function secrets(text: string): string[] {
  const decoded = decodeSlackText(asTyped(text));
  return detectCredentials(asTyped(text)).map((x) => decoded.slice(x.start, x.end));
}

describe('passwords on a command line', () => {
  it.each([
    ['sshpass', "sshpass -p 'Ss4!hpass' ssh ops@10.0.0.1", 'Ss4!hpass'],
    ['mysql with -p glued', "mysql -h db -u root -p'My5!qlRoot' app", 'My5!qlRoot'],
    ['mysqldump with -p glued and bare', 'mysqldump -ubackup -pDu3!mpPw shop', 'Du3!mpPw'],
    ['curl -u', 'curl -u deploy:Cu7!rlPw https://ci.acme.io', 'Cu7!rlPw'],
    ['curl --user quoted', 'curl --user "svc:Us3r!Quoted" https://api.acme.io', 'Us3r!Quoted'],
    ['curl over continuation lines', 'curl -s \\\n  -u ops:Co9!ntLine \\\n  https://x.acme.io', 'Co9!ntLine'],
    ['httpie -a', 'http -a bob:Ht7!tpie GET https://api.acme.io', 'Ht7!tpie'],
    ['redis-cli -a', 'redis-cli -h cache -a Re6!disPw ping', 'Re6!disPw'],
    ['docker login -p', 'docker login -u ci -p Do4!ckerPw registry.acme.io', 'Do4!ckerPw'],
    ['sqlcmd -P', 'sqlcmd -S db -U sa -P "Sq2!cmdPw"', 'Sq2!cmdPw'],
    ['smbclient user%password', 'smbclient //fs/share -U bob%Sm8!bPass', 'Sm8!bPass'],
    ['net use, password before /user', 'net use Z: \\\\fs01\\share Ne5!tUse /user:CORP\\bob', 'Ne5!tUse'],
    ['net use, password after /user', 'net use \\\\fs01\\share /user:CORP\\bob Ne6!tUse', 'Ne6!tUse'],
    ['net user /add', 'net user svc_backup Ba7!ckup /add', 'Ba7!ckup'],
    ['ldapsearch -w', 'ldapsearch -x -D cn=admin -w Ld1!apPw -b dc=acme', 'Ld1!apPw'],
    ['openssl -passin pass:', 'openssl rsa -in k.pem -passin pass:Op3!nssl', 'Op3!nssl'],
    ['keytool -storepass', 'keytool -list -keystore k.jks -storepass Ke4!ytool', 'Ke4!ytool'],
    ['htpasswd -b', 'htpasswd -b .htpasswd bob Ht5!passwd', 'Ht5!passwd'],
    ['htpasswd -nb', 'htpasswd -nb bob Ht6!passwd', 'Ht6!passwd'],
    ['ipmitool -P', 'ipmitool -H 10.0.0.9 -U ADMIN -P Ip7!miPw chassis status', 'Ip7!miPw'],
    ['mongosh -p', 'mongosh --host m1 -u admin -p Mo8!ngoPw', 'Mo8!ngoPw'],
    ['zip -P', 'zip -P Zi9!pPass out.zip secrets.txt', 'Zi9!pPass'],
    ['xfreerdp /p:', 'xfreerdp /v:10.0.0.5 /u:admin /p:Rd1!pPass', 'Rd1!pPass'],
    ['plink -pw', 'plink -ssh ops@10.0.0.6 -pw Pl2!inkPw', 'Pl2!inkPw'],
    ['sqlplus user/password@db', 'sqlplus system/Or3!acle@PROD', 'Or3!acle'],
    ['echo into sudo -S', "echo 'Su4!doPw' | sudo -S apt-get update", 'Su4!doPw'],
    ['echo into chpasswd', "echo 'bob:Ch5!passwd' | chpasswd", 'Ch5!passwd'],
  ])('%s', (_tool, text, secret) => {
    expect(secrets(text)).toEqual([secret]);
  });

  it.each([
    ['ssh -p is a port', 'ssh -p 2222 ops@bastion'],
    ['mysql -p prompts', 'mysql -u root -p billing'],
    ['sshpass from the environment', 'sshpass -e ssh ops@host'],
    ['a shell variable', 'sshpass -p "$SSHPASS" ssh ops@host'],
    ['curl with variables', 'curl -u "$USER:$PASS" https://x.acme.io'],
    ['curl docs placeholder', 'curl -u USERNAME:PASSWORD https://api.example.com'],
    ['curl asking for the password', 'curl -u deploy: https://ci.acme.io'],
    ['docker login from stdin', 'docker login -u ci --password-stdin registry.acme.io'],
    ['openssl from the environment', 'openssl rsa -in k.pem -passin env:KEY_PASS'],
    ['net user prompting', 'net user bob * /domain'],
    ['an ordinary sentence about curl', 'curl -u is how you pass basic auth'],
  ])('stays quiet for %s', (_what, text) => {
    expect(secrets(text)).toEqual([]);
  });
});
