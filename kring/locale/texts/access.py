"""Dutch texts of the permission policy: why a page stays closed, for whom (kring/access.py)."""

NL: dict[str, str] = {
    "If you think you should be able to, ask %(names)s.": "Denk je dat dit wel zou moeten kunnen, vraag het dan aan %(names)s.",
    "A journal belongs to the member who writes it: only they read it. What members choose to share from their journal is on the group's Reflection page.": "Een logboek is van het lid dat het schrijft: alleen die leest het. Wat leden uit hun logboek kiezen te delen, staat op de pagina Reflectie van de groep.",
    "This is for the members of %(group)s themselves: each hands in their own work, keeps their own journal, tells about their own intentions and gives their own evaluation. Nobody does this for them.": "Dit doen de leden van %(group)s zelf: ieder levert het eigen werk in, houdt een eigen logboek bij, vertelt over de eigen voornemens en geeft de eigen evaluatie. Niemand doet dat voor hen.",
    "In %(group)s this is up to the group's facilitator.": "In %(group)s is dit aan de leerbegeleider van de groep.",
    "Only the programme manager of %(programme)s does this.": "Dit doet alleen de programmamanager van %(programme)s.",
    "What %(group)s writes and discusses stays within the group: its members and facilitators. As programme manager you read the group's harvest: its learning question, the learning points it chose to share, attendance figures and the evaluation summary.": "Wat %(group)s schrijft en bespreekt, blijft binnen de groep: bij de leden en de leerbegeleiders. Als programmamanager lees je de oogst van de groep: de leervraag, de leerpunten die de groep koos te delen, de aanwezigheidscijfers en de samenvatting van de evaluatie.",
    "Open the harvest of %(group)s": "Open de oogst van %(group)s",
    "This is for the members and facilitators of %(group)s; as programme manager you plan, staff and follow the group, you do not take part in it.": "Dit is voor de leden en leerbegeleiders van %(group)s. Als programmamanager plan, bemens en volg je de groep; je doet er zelf niet aan mee.",
    "As platform administrator you keep Kring's structure in order. What %(group)s writes and discusses stays with its members and facilitators: that role does not open it.": "Als platformbeheerder houd je de opbouw van Kring op orde. Wat %(group)s schrijft en bespreekt, blijft bij de leden en leerbegeleiders: die rol opent dat niet.",
    "As client contact you follow %(programme)s as a whole. What a learning group writes and discusses stays within the group; the programme manager can tell you how the groups are doing.": "Als opdrachtgever volg je %(programme)s als geheel. Wat een leergroep schrijft en bespreekt, blijft binnen de groep; de programmamanager kan je vertellen hoe het met de groepen gaat.",
    "As a teacher you see the meetings of %(group)s, so that you can prepare. What the group writes and discusses stays with its members and facilitators.": "Als docent zie je de bijeenkomsten van %(group)s, zodat je je kunt voorbereiden. Wat de groep schrijft en bespreekt, blijft bij de leden en leerbegeleiders.",
    "Your place is in %(own)s, not in %(group)s. What a group writes and discusses stays within that group.": "Jouw plek is in %(own)s, niet in %(group)s. Wat een groep schrijft en bespreekt, blijft binnen die groep.",
    "Go to %(own)s": "Naar %(own)s",
    "You have no role in %(group)s that allows this.": "Je hebt in %(group)s geen rol waarbij dit hoort.",
    "This is for platform administrators.": "Dit is voor platformbeheerders.",
    "As client contact you follow %(programme)s; its design, people and groups are kept by its programme manager.": "Als opdrachtgever volg je %(programme)s; het ontwerp, de mensen en de groepen beheert de programmamanager.",
    "In %(programme)s this is up to its programme manager.": "In %(programme)s is dit aan de programmamanager.",
    "Your roles in Kring do not allow this. If you think they should, ask the person who gave you your role.": "Je rollen in Kring staan dit niet toe. Denk je dat dit wel zou moeten kunnen, vraag het dan aan wie je je rol gaf.",
}
